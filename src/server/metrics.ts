// Prometheus /metrics: gauges read from the store at scrape time (no state of their own), so
// they show what the prober, runs and outbox wrote, even from other processes.
import { Gauge, Registry } from 'prom-client';
import { outboxCounts } from '../../storage/alerts.ts';
import { failedJobsBySource, latestRunVersions } from '../../storage/runs.ts';
import { deadLetterCount, locationStates } from '../../storage/scale.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import type { KpiFigure } from '../kpi/overview.ts';
import type { DashboardData } from './data.ts';

// Labels carry codes and ids, never names: read the figures the dashboard (Vietnamese by
// default) has already cached instead of computing them again in another language.
const METRICS_LANG = 'vi';

export function createMetrics(data: DashboardData): Registry {
  const registry = new Registry();
  const db = data.db;
  new Gauge({
    name: 'dvc_probe_up', help: 'Whether the latest probe of the endpoint succeeded (1) or not (0)', labelNames: ['portal', 'endpoint'], registers: [registry],
    collect() {
      this.reset();
      for (const e of data.uptimeReport(METRICS_LANG).endpoints) if (e.lastProbe) this.set({ portal: e.portalId, endpoint: e.endpoint }, e.lastProbe.outcome === 'up' || e.lastProbe.outcome === 'degraded' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'dvc_probe_duration_seconds', help: 'Total duration of the latest probe of the endpoint', labelNames: ['portal', 'endpoint'], registers: [registry],
    collect() {
      this.reset();
      for (const e of data.uptimeReport(METRICS_LANG).endpoints) if (e.lastProbe?.totalMs != null) this.set({ portal: e.portalId, endpoint: e.endpoint }, e.lastProbe.totalMs / 1000);
    },
  });
  new Gauge({
    name: 'dvc_availability_percent', help: 'Availability of the endpoint over the last 12 months (null figures omitted)', labelNames: ['portal', 'endpoint'], registers: [registry],
    collect() {
      this.reset();
      for (const e of data.uptimeReport(METRICS_LANG).endpoints) if (e.total.availabilityPercent !== null) this.set({ portal: e.portalId, endpoint: e.endpoint }, e.total.availabilityPercent);
    },
  });
  /** One gauge per national KPI figure of the last complete month: its rate, and how many agencies it left out. */
  const nationalGauge = (name: string, help: string, value: (f: KpiFigure) => number | null | undefined) => new Gauge({
    name, help, labelNames: ['kpi', 'agency'], registers: [registry],
    collect() {
      this.reset();
      const overview = data.overview(data.defaultPeriod(), METRICS_LANG);
      for (const a of overview.aggregates) for (const k of ALL_KPIS) {
        const v = a.kpis[k.id] && value(a.kpis[k.id]!);
        if (v !== null && v !== undefined) this.set({ kpi: k.id, agency: a.agencyCode }, v);
      }
    },
  });
  nationalGauge('dvc_kpi_percent', 'National KPI rate for the last complete month', (f) => f.rate);
  // An aggregate without a quarantined agency is incomplete: a Prometheus rule on dvc_kpi_percent should hold while this is above 0.
  nationalGauge('dvc_kpi_quarantined_agencies', 'Agencies left out of the national KPI rate of the last complete month because a value of theirs is quarantined',
    (f) => (f.excluded ? new Set(f.excluded.map((q) => q.agencyCode)).size : 0));
  new Gauge({
    name: 'dvc_run_last_finished_timestamp_seconds', help: 'When the newest finished run ended', registers: [registry],
    collect() {
      const run = latestRunVersions(db);
      this.reset();
      if (run?.finishedAt) this.set(Date.parse(run.finishedAt) / 1000);
    },
  });
  new Gauge({
    name: 'dvc_run_failed_jobs', help: 'Failed jobs of the newest finished run, per collector (source)', labelNames: ['source'], registers: [registry],
    collect() {
      this.reset();
      const run = latestRunVersions(db);
      if (!run) return;
      for (const r of failedJobsBySource(db, run.runId)) this.set({ source: r.sourceId }, r.failed);
    },
  });
  new Gauge({
    name: 'dvc_outbox_messages', help: 'Alert notifications in the outbox by status (pending and dead are the backlog)', labelNames: ['status'], registers: [registry],
    collect() {
      this.reset();
      for (const [status, n] of Object.entries(outboxCounts(db))) this.set({ status }, n);
    },
  });
  // Scale-out (issue 16): each location's own view, the verdict's reach, the locations' workers.
  new Gauge({
    name: 'dvc_probe_location_up', help: 'Whether the latest probe of the endpoint from this location reached it (1) or not (0); unknown results are omitted', labelNames: ['portal', 'endpoint', 'location'], registers: [registry],
    collect() {
      this.reset();
      for (const e of data.uptimeReport(METRICS_LANG).endpoints) {
        for (const l of e.locations) if (l.last && l.last.outcome !== 'unknown') this.set({ portal: e.portalId, endpoint: e.endpoint, location: l.location }, l.last.outcome === 'failed' ? 0 : 1);
      }
    },
  });
  new Gauge({
    name: 'dvc_probe_location_duration_seconds', help: 'Total duration of the latest probe of the endpoint from this location', labelNames: ['portal', 'endpoint', 'location'], registers: [registry],
    collect() {
      this.reset();
      for (const e of data.uptimeReport(METRICS_LANG).endpoints) {
        for (const l of e.locations) if (l.last?.totalMs != null) this.set({ portal: e.portalId, endpoint: e.endpoint, location: l.location }, l.last.totalMs / 1000);
      }
    },
  });
  new Gauge({
    name: 'dvc_probe_partially_reachable', help: 'Whether the endpoint is reachable from some locations only (1): counted as available, alerted on apart', labelNames: ['portal', 'endpoint'], registers: [registry],
    collect() {
      this.reset();
      for (const e of data.uptimeReport(METRICS_LANG).endpoints) if (e.reach !== null) this.set({ portal: e.portalId, endpoint: e.endpoint }, e.reach === 'partial' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'dvc_location_up', help: 'Whether the location has a live probe worker (1) or is UNKNOWN and left out of the quorum (0)', labelNames: ['location'], registers: [registry],
    collect() {
      this.reset();
      for (const l of locationStates(db)) this.set({ location: l.location }, l.state === 'up' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'dvc_queue_dead_letters', help: 'Worker results that could not be ingested, kept with their reason (queue_dead_letter)', registers: [registry],
    collect() {
      this.set(deadLetterCount(db));
    },
  });
  return registry;
}
