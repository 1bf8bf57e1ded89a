// What the dashboard, its API and the status page read, through the same functions as the CLI
// and the report. Two caches, so pages stay fast while others write:
//  - uptime figures, dropped whenever another connection commits (SQLite's data_version): the
//    prober writes every few seconds, and its figures are cheap to compute again;
//  - KPI figures (overviews, series, the rank tables' history), dropped only when what they
//    read changed (kpiInputsFingerprint: jobs that wrote measures, quarantine, quality flags),
//    which is checked only after a commit: the prober's writes leave them alone.
import type { Db } from '../../storage/db.ts';
import { kpiInputsFingerprint, storedPeriodRange } from '../../storage/measures.ts';
import { latestRunVersions } from '../../storage/runs.ts';
import {
  bucketStateCounts, incidentsBetween, listEndpoints, newestProbeAt, refreshRollups,
} from '../../storage/uptime.ts';
import { overviewFromStore, rankedHistory, seriesFromStore, type SeriesPoint } from '../kpi/from-store.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import { uptimeReportFromStore } from '../cli/commands/uptime.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { Lang } from '../i18n.ts';
import type { Overview } from '../kpi/overview.ts';
import { addMonths, currentMonth, firstDay, localDate } from '../time/period.ts';
import type { UptimeReport } from '../uptime/report.ts';
import { ClosedDayRollups } from '../uptime/closed-days.ts';
import { isStoreBusy } from '../uptime/recorder.ts';
import { summarisePortals, type PortalSummary } from '../uptime/summary.ts';
import { lastCompleteMonth } from '../cli/periods.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** How fresh the figures are: the newest finished run and the newest probe (UTC ISO). */
export interface AsOf {
  lastRunAt: string | null;
  lastProbeAt: string | null;
}

export class DashboardData {
  private version = -1;
  private kpiVersion = '';
  private readonly kpi = new Map<string, unknown>();
  private readonly uptime = new Map<string, unknown>();
  /** Closed days' rollups, kept across commits: only today's rows and days a late probe changed are read again. */
  readonly closedDays: ClosedDayRollups;

  constructor(readonly db: Db, readonly loaded: LoadedConfig, private readonly now: () => Date = () => new Date()) {
    this.closedDays = new ClosedDayRollups(db, loaded.config.uptime.retention.dailyDays);
  }

  /**
   * Drops cached figures another connection's commit may have changed. Returns whether there was
   * such a commit (the live-update watcher asks every half second).
   */
  refresh(): boolean {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (version === this.version) return false;
    this.version = version;
    this.uptime.clear();
    const kpiVersion = kpiInputsFingerprint(this.db);
    if (kpiVersion !== this.kpiVersion) {
      this.kpiVersion = kpiVersion;
      this.kpi.clear();
    }
    return true;
  }

  /** The KPI inputs' fingerprint as last seen (part of the live-update digest). */
  get kpiInputs(): string {
    return this.kpiVersion;
  }

  private memo<T>(cache: Map<string, unknown>, key: string, compute: () => T): T {
    this.refresh();
    if (cache.has(key)) return cache.get(key) as T;
    const value = compute();
    cache.set(key, value);
    return value;
  }

  clock(): Date {
    return this.now();
  }

  defaultPeriod(): string {
    return lastCompleteMonth(this.now());
  }

  /** The months the period picker offers, newest first: from the first stored month to this one. */
  periods(): string[] {
    return this.memo(this.kpi, 'periods', () => {
      const range = storedPeriodRange(this.db);
      const last = currentMonth(this.now());
      const first = range && range.first < last ? range.first : addMonths(last, -11);
      const out: string[] = [];
      for (let p = last; p >= first && out.length < 120; p = addMonths(p, -1)) out.push(p);
      return out;
    });
  }

  overview(period: string, lang: Lang): Overview {
    return this.memo(this.kpi, `overview|${period}|${lang}`, () => overviewFromStore(this.db, this.loaded, period, this.now(), lang));
  }

  /** Every KPI of one agency or aggregate over the 12 months ending with `period`. */
  seriesOf(code: string, period: string): SeriesPoint[] {
    return this.memo(this.kpi, `series|${code}|${period}`, () => seriesFromStore(this.db, this.loaded, code, this.months(period), this.now(), ALL_KPIS));
  }

  /** Ministries, provinces and blocks, headline KPIs, for the 13 months ending with `period` (a year ago included). */
  history(period: string): Map<string, Overview> {
    return this.memo(this.kpi, `history|${period}`, () => rankedHistory(this.db, this.loaded, this.months(period, 13), this.now()));
  }

  /** The months ending with `period`, oldest first. */
  months(period: string, count = 12): string[] {
    return Array.from({ length: count }, (_, i) => addMonths(period, i - count + 1));
  }

  asOf(): AsOf {
    return this.memo(this.uptime, 'asOf', () => ({ lastRunAt: latestRunVersions(this.db)?.finishedAt ?? null, lastProbeAt: newestProbeAt(this.db) }));
  }

  /** Probes since the last rollup count too; a busy prober only costs the last few minutes. */
  private rollUp(): void {
    try {
      refreshRollups(this.db);
    } catch (err) {
      if (!isStoreBusy(err)) throw err;
    }
  }

  /** Uptime over the last 12 months up to today: one portal with its days, or every portal without them. */
  uptimeReport(lang: Lang, portalId?: string): UptimeReport {
    return this.memo(this.uptime, `report|${portalId ?? '*'}|${lang}`, () => {
      const now = this.now();
      this.rollUp();
      return uptimeReportFromStore(this.db, {
        ...(portalId === undefined ? {} : { portalId }),
        from: firstDay(addMonths(currentMonth(now), -11)), to: localDate(now), now, lang, dailyFigures: portalId !== undefined,
        daily: (_db, ids, from, to) => this.closedDays.daily(ids, from, to, now),
      });
    });
  }

  /** Every configured portal now: state, 24-hour and 30-day availability, p95, open incidents, certificates. */
  portalSummaries(): PortalSummary[] {
    return this.memo(this.uptime, 'summaries', () => {
      const now = this.now();
      this.rollUp();
      const endpoints = listEndpoints(this.db);
      const ids = endpoints.map((e) => e.id);
      const hourStart = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
      return summarisePortals({
        portals: this.loaded.config.portals, endpoints, now,
        hours: bucketStateCounts(this.db, ids, 'hour', new Date(hourStart.getTime() - 23 * HOUR_MS).toISOString(), hourStart.toISOString()),
        days: this.closedDays.daily(ids, localDate(new Date(now.getTime() - 29 * DAY_MS)), localDate(now), now),
        openIncidents: incidentsBetween(this.db, now.toISOString(), new Date(now.getTime() + 1).toISOString(), ids),
      });
    });
  }

  /** Anything else computed from uptime rows, dropped with them. */
  uptimeMemo<T>(key: string, compute: () => T): T {
    return this.memo(this.uptime, `x|${key}`, compute);
  }
}
