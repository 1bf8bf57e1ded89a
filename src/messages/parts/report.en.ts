// English messages of the report part of the catalogue (see ../parts.ts). Keys are unique across parts.
export const reportEn = {
} as const;
