// The rates users judge agencies by (DOMAIN.md), as data: each is a ratio of summed counts,
// so the same definition serves one agency, a merged province and the whole country. Names are
// in the message catalogue (src/messages/parts/kpi.*.ts), both languages kept for the readers.
import { msgBoth } from '../messages/index.ts';

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
  title: msgBoth('kpi.onlineFilingServices.title'),
  short: msgBoth('kpi.onlineFilingServices.short'),
  numerator: ['services.with_online_filings'],
  denominator: ['services.online_full', 'services.online_partial'],
  defaultTarget: 80,
};

export const KPI_ONLINE_DOSSIERS: KpiDefinition = {
  id: 'rate.online_dossiers',
  title: msgBoth('kpi.onlineDossiers.title'),
  short: msgBoth('kpi.onlineDossiers.short'),
  numerator: ['dossiers.received_online'],
  denominator: ['dossiers.received'],
  defaultTarget: 50,
};

export const KPI_PROCEDURES_ONLINE: KpiDefinition = {
  id: 'rate.procedures_online',
  title: msgBoth('kpi.proceduresOnline.title'),
  short: msgBoth('kpi.proceduresOnline.short'),
  numerator: ['services.online_full', 'services.online_partial'],
  denominator: ['procedures.total'],
  defaultTarget: 80,
};

export const KPI_ONLINE_FULL: KpiDefinition = {
  id: 'rate.online_full',
  title: msgBoth('kpi.onlineFull.title'),
  short: msgBoth('kpi.onlineFull.short'),
  // DOMAIN.md divides by "eligible procedures"; no source publishes that count, so all procedures in remit.
  numerator: ['services.online_full'],
  denominator: ['procedures.total'],
  defaultTarget: null,
};

export const KPI_ON_TIME: KpiDefinition = {
  id: 'rate.resolved_on_time',
  title: msgBoth('kpi.onTime.title'),
  short: msgBoth('kpi.onTime.short'),
  numerator: ['dossiers.resolved_on_time'],
  denominator: ['dossiers.resolved_on_time', 'dossiers.resolved_late'],
  defaultTarget: null,
};

export const KPI_DIGITISED: KpiDefinition = {
  id: 'rate.digitised',
  title: msgBoth('kpi.digitised.title'),
  short: msgBoth('kpi.digitised.short'),
  numerator: ['dossiers.digitised'],
  denominator: ['dossiers.received'],
  defaultTarget: 80,
};

export const KPI_SYNCED: KpiDefinition = {
  id: 'rate.synced',
  title: msgBoth('kpi.synced.title'),
  short: msgBoth('kpi.synced.short'),
  // DOMAIN.md: ÷ max(received in the reporting system, received on the portal); one source gives one count.
  numerator: ['dossiers.synced'],
  denominator: ['dossiers.received'],
  defaultTarget: null,
};

export const KPI_REUSING_DATA: KpiDefinition = {
  id: 'rate.reusing_data',
  title: msgBoth('kpi.reusingData.title'),
  short: msgBoth('kpi.reusingData.short'),
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
