// What the dashboard and its API read, through the same functions as the CLI and the report.
// Overviews are cached per period and language until another process commits to the store
// (SQLite's data_version changes), so pages stay fast while the nightly run writes.
import type { Db } from '../../storage/db.ts';
import { refreshRollups } from '../../storage/uptime.ts';
import { overviewFromStore, seriesFromStore, type SeriesPoint } from '../kpi/from-store.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import { uptimeReportFromStore } from '../cli/commands/uptime.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import type { Overview } from '../kpi/overview.ts';
import { addMonths, currentMonth, firstDay, localDate } from '../time/period.ts';
import type { UptimeReport } from '../uptime/report.ts';
import { isStoreBusy } from '../uptime/recorder.ts';
import { lastCompleteMonth } from '../cli/periods.ts';

export class DashboardData {
  private version = -1;
  private overviews = new Map<string, Overview>();
  private uptime = new Map<string, UptimeReport>();
  private series = new Map<string, SeriesPoint[]>();

  constructor(readonly db: Db, readonly loaded: LoadedConfig, private readonly now: () => Date = () => new Date()) {}

  /** Drops cached figures when another connection has committed since they were computed. */
  private fresh(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version === this.version) return;
    this.version = version;
    this.overviews.clear();
    this.uptime.clear();
    this.series.clear();
  }

  defaultPeriod(): string {
    return lastCompleteMonth(this.now());
  }

  overview(period: string, lang: Lang): Overview {
    this.fresh();
    const key = `${period}|${lang}`;
    let o = this.overviews.get(key);
    if (!o) this.overviews.set(key, (o = overviewFromStore(this.db, this.loaded, period, this.now(), lang)));
    return o;
  }

  /** Every KPI of one agency or aggregate over the 12 months ending with `period`. */
  seriesOf(code: string, period: string): SeriesPoint[] {
    this.fresh();
    const key = `${code}|${period}`;
    let s = this.series.get(key);
    if (!s) this.series.set(key, (s = seriesFromStore(this.db, this.loaded, code, this.months(period), this.now(), ALL_KPIS)));
    return s;
  }

  /** The months ending with `period`, oldest first. */
  months(period: string, count = 12): string[] {
    return Array.from({ length: count }, (_, i) => addMonths(period, i - count + 1));
  }

  /** Uptime over the last 12 months up to today: one portal with its days, or every portal without them. */
  uptimeReport(lang: Lang, portalId?: string): UptimeReport {
    this.fresh();
    const key = `${portalId ?? '*'}|${lang}`;
    let r = this.uptime.get(key);
    if (!r) {
      const now = this.now();
      try {
        refreshRollups(this.db);
      } catch (err) {
        if (!isStoreBusy(err)) throw err;
      }
      r = uptimeReportFromStore(this.db, {
        ...(portalId === undefined ? {} : { portalId }),
        from: firstDay(addMonths(currentMonth(now), -11)), to: localDate(now), now, lang, dailyFigures: portalId !== undefined,
      });
      this.uptime.set(key, r);
    }
    return r;
  }
}
