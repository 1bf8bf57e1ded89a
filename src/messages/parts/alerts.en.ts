// English messages of the alerts part of the catalogue (see ../parts.ts). Keys are unique across parts.
export const alertsEn = {
} as const;
