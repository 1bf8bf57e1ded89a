// English messages of the kpi part of the catalogue (see ../parts.ts). Keys are unique across parts.
export const kpiEn = {
} as const;
