// English messages of the checks part of the catalogue (see ../parts.ts). Keys are unique across parts.
export const checksEn = {
} as const;
