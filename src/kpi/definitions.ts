// The rates users judge agencies by (DOMAIN.md), as data: a ratio of summed counts.
export interface KpiDefinition {
  id: string;
  title: { vi: string; en: string };
  numerator: string;
  /** Metrics summed for the denominator. */
  denominator: readonly string[];
  /** National target in percent, used when the config names none. */
  defaultTarget: number | null;
}

export const KPI_ONLINE_FILING_SERVICES: KpiDefinition = {
  id: 'rate.services_with_online_filings',
  title: { vi: 'Tỷ lệ DVCTT có phát sinh hồ sơ trực tuyến', en: 'Online services that received online dossiers' },
  numerator: 'services.with_online_filings',
  denominator: ['services.online_full', 'services.online_partial'],
  defaultTarget: 80,
};

export const KPI_ONLINE_DOSSIERS: KpiDefinition = {
  id: 'rate.online_dossiers',
  title: { vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Dossiers filed online' },
  numerator: 'dossiers.received_online',
  denominator: ['dossiers.received'],
  defaultTarget: 50,
};

/** The two headline KPIs, in the order the seed articles report them. */
export const HEADLINE_KPIS: readonly KpiDefinition[] = [KPI_ONLINE_FILING_SERVICES, KPI_ONLINE_DOSSIERS];

export const KPI_IDS = HEADLINE_KPIS.map((k) => k.id);
