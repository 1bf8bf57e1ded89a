// The kinds of data-quality flag, in the words a person reads (CLI, report, dashboard).
export const FLAG_KINDS = ['missing', 'inconsistent', 'outlier', 'stale', 'source_changed', 'counter_decreased', 'unknown_unit'] as const;

export const FLAG_KIND_TITLE: Record<string, { vi: string; en: string }> = {
  missing: { vi: 'thiếu số liệu', en: 'missing' },
  inconsistent: { vi: 'không nhất quán', en: 'inconsistent' },
  outlier: { vi: 'bất thường', en: 'outlier' },
  stale: { vi: 'nguồn không cập nhật', en: 'stale source' },
  source_changed: { vi: 'nguồn thay đổi định dạng', en: 'source changed' },
  counter_decreased: { vi: 'lũy kế giảm', en: 'counter went down' },
  unknown_unit: { vi: 'đơn vị không có trong danh mục', en: 'unknown unit' },
};

/** A flag kind's title; an unknown kind (a newer store) is shown as it is stored. */
export const flagKindTitle = (kind: string, lang: 'vi' | 'en') => FLAG_KIND_TITLE[kind]?.[lang] ?? kind;
