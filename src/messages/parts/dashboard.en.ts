// English messages of the dashboard part of the catalogue (see ../parts.ts). Keys are unique across parts.
export const dashboardEn = {
} as const;
