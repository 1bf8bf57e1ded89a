// The rates users judge agencies by (DOMAIN.md), as data: each is a ratio of summed counts,
// so the same definition serves one agency, a merged province and the whole country.
export interface KpiDefinition {
  id: string;
  title: { vi: string; en: string };
  /** Metrics summed for the numerator and for the denominator. */
  numerator: readonly string[];
  denominator: readonly string[];
  /** Target in percent used when the config names none (national targets). */
  defaultTarget: number | null;
  /** Short column heading for tables. */
  short: { vi: string; en: string };
}

export const KPI_ONLINE_FILING_SERVICES: KpiDefinition = {
  id: 'rate.services_with_online_filings',
  title: { vi: 'Tỷ lệ DVCTT có phát sinh hồ sơ trực tuyến', en: 'Online services that received online dossiers' },
  short: { vi: 'DVCTT có HS', en: 'Svc w/ filings' },
  numerator: ['services.with_online_filings'],
  denominator: ['services.online_full', 'services.online_partial'],
  defaultTarget: 80,
};

export const KPI_ONLINE_DOSSIERS: KpiDefinition = {
  id: 'rate.online_dossiers',
  title: { vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Dossiers filed online' },
  short: { vi: 'HS trực tuyến', en: 'Online dossiers' },
  numerator: ['dossiers.received_online'],
  denominator: ['dossiers.received'],
  defaultTarget: 50,
};

export const KPI_PROCEDURES_ONLINE: KpiDefinition = {
  id: 'rate.procedures_online',
  title: { vi: 'Tỷ lệ TTHC cung cấp DVCTT', en: 'Procedures offered online' },
  short: { vi: 'TTHC có DVCTT', en: 'Procs online' },
  numerator: ['services.online_full', 'services.online_partial'],
  denominator: ['procedures.total'],
  defaultTarget: 80,
};

export const KPI_ONLINE_FULL: KpiDefinition = {
  id: 'rate.online_full',
  title: { vi: 'Tỷ lệ DVCTT toàn trình', en: 'Procedures fully online' },
  short: { vi: 'Toàn trình', en: 'Fully online' },
  // DOMAIN.md divides by "eligible procedures"; no source publishes that count, so all procedures in remit.
  numerator: ['services.online_full'],
  denominator: ['procedures.total'],
  defaultTarget: null,
};

export const KPI_ON_TIME: KpiDefinition = {
  id: 'rate.resolved_on_time',
  title: { vi: 'Tỷ lệ giải quyết đúng hạn', en: 'Dossiers resolved on time' },
  short: { vi: 'Đúng hạn', en: 'On time' },
  numerator: ['dossiers.resolved_on_time'],
  denominator: ['dossiers.resolved_on_time', 'dossiers.resolved_late'],
  defaultTarget: null,
};

export const KPI_DIGITISED: KpiDefinition = {
  id: 'rate.digitised',
  title: { vi: 'Tỷ lệ số hóa hồ sơ', en: 'Dossiers digitised' },
  short: { vi: 'Số hóa', en: 'Digitised' },
  numerator: ['dossiers.digitised'],
  denominator: ['dossiers.received'],
  defaultTarget: 80,
};

export const KPI_SYNCED: KpiDefinition = {
  id: 'rate.synced',
  title: { vi: 'Tỷ lệ đồng bộ hồ sơ lên Cổng DVCQG', en: 'Dossiers synchronised to the national portal' },
  short: { vi: 'Đồng bộ', en: 'Synced' },
  // DOMAIN.md: ÷ max(received in the reporting system, received on the portal); one source gives one count.
  numerator: ['dossiers.synced'],
  denominator: ['dossiers.received'],
  defaultTarget: null,
};

export const KPI_REUSING_DATA: KpiDefinition = {
  id: 'rate.reusing_data',
  title: { vi: 'Tỷ lệ hồ sơ tái sử dụng dữ liệu số hóa', en: 'Dossiers reusing digitised data' },
  short: { vi: 'Tái sử dụng', en: 'Reuse' },
  numerator: ['dossiers.reusing_data'],
  denominator: ['dossiers.received'],
  defaultTarget: null,
};

/** The two headline KPIs, in the order the seed articles report them. */
export const HEADLINE_KPIS: readonly KpiDefinition[] = [KPI_ONLINE_FILING_SERVICES, KPI_ONLINE_DOSSIERS];

export const ALL_KPIS: readonly KpiDefinition[] = [
  ...HEADLINE_KPIS, KPI_PROCEDURES_ONLINE, KPI_ONLINE_FULL, KPI_ON_TIME, KPI_DIGITISED, KPI_SYNCED, KPI_REUSING_DATA,
];

export const KPI_IDS = ALL_KPIS.map((k) => k.id);

/** Every metric some KPI reads. */
/** The stored metrics the KPIs read, each once. */
export const metricsOf = (kpis: readonly KpiDefinition[]) => [...new Set(kpis.flatMap((k) => [...k.numerator, ...k.denominator]))];

export const KPI_METRICS = metricsOf(ALL_KPIS);
