// English messages of the config part of the catalogue (see ../parts.ts). Keys are unique across parts.
export const configEn = {
} as const;
