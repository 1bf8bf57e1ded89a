// English messages of the common part of the catalogue (see ../parts.ts). Keys are unique across parts.
export const commonEn = {
} as const;
