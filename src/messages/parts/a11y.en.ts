// English messages of the a11y part of the catalogue (see ../parts.ts). Keys are unique across parts.
export const a11yEn = {
} as const;
