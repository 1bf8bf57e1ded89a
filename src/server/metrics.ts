// Prometheus /metrics, named as Prometheus' own conventions ask: base units (`_seconds`, ratios
// 0–1 as `_ratio`), `_total` for counters only, `_info` for constant-1 metrics that carry labels,
// timestamps as `_timestamp_seconds` (an age is `time() - x` in PromQL, never exported stale).
// Probe metrics are named as blackbox_exporter names them (`probe_success`,
// `probe_duration_seconds`, `probe_http_duration_seconds{phase}`, `probe_ssl_earliest_cert_expiry`)
// so its dashboards and rules apply. Everything is read from the store at scrape time (no state of
// its own but the probe counters' position), so it shows what the prober, runs and outbox of other
// processes wrote. Labels carry codes and ids; names only on the `_info` metrics.
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { lockHolder } from '../../storage/service.ts';
import { openAlertCounts, outboxByChannel } from '../../storage/alerts.ts';
import { latestAreaSummaries } from '../../storage/check-report.ts';
import { failedJobsBySource, latestRunVersions } from '../../storage/runs.ts';
import { deadLetterCount, locationStates } from '../../storage/scale.ts';
import { listEndpoints, newestProbeId, probeCountsSince } from '../../storage/uptime.ts';
import { AXE_VERSION } from '../checks/evidence/axe.ts';
import { CRITERIA_VERSION, criterionById } from '../checks/criteria/index.ts';
import { SCORING_VERSION } from '../checks/score.ts';
import { ALL_KPIS } from '../kpi/definitions.ts';
import type { AgencyFigures, KpiFigure } from '../kpi/overview.ts';
import { REGIONS, regionsOf } from '../registry/regions.ts';
import { LOCK_NAME } from '../service/service.ts';
import { TOOL_VERSION } from '../version.ts';
import type { UptimeState } from '../uptime/state-machine.ts';
import type { EndpointReport } from '../uptime/report.ts';
import type { DashboardData } from './data.ts';

// Read the figures the dashboard (Vietnamese by default) has already cached instead of computing them again in another language.
const METRICS_LANG = 'vi';

const ENDPOINT_STATES: readonly UptimeState[] = ['up', 'degraded', 'down', 'maintenance', 'unknown'];

type Labels = Record<string, string | number>;
type Setter = (labels: Labels, value: number) => void;

const seconds = (iso: string | null | undefined) => (iso ? Date.parse(iso) / 1000 : null);

/**
 * Every metric the dashboard exports, by name: the Grafana dashboard in deploy/grafana/ and the
 * Prometheus rules in deploy/prometheus/ may use these and no other (tested).
 */
export interface MetricsEndpoint {
  contentType: string;
  /** The exposition text of one scrape. */
  metrics(): Promise<string>;
  /** Every metric declared, with its label names, whether or not it has series now. */
  declared(): Array<{ name: string; labelNames: string[] }>;
}

export function createMetrics(data: DashboardData): MetricsEndpoint {
  const registry = new Registry();
  // The per-agency KPI series (about 70,000 lines for 3,400 agencies) change only with the KPI
  // figures: their text is made once per overview the dashboard holds, not at every scrape.
  const kpiRegistry = new Registry();
  let kpiText: { overview: unknown; text: string } | null = null;
  const db = data.db;
  const config = data.loaded.config;

  /** A gauge filled anew at every scrape (of its registry). */
  const gauge = (name: string, help: string, labelNames: readonly string[], fill: (set: Setter) => void, into = registry) => new Gauge({
    name, help, labelNames, registers: [into],
    collect() {
      this.reset();
      fill((labels, value) => this.set(labels, value));
    },
  });

  // ---- the tool itself ------------------------------------------------------------------------
  collectDefaultMetrics({ register: registry });
  // prom-client also exports these gauges with a counter's `_total` suffix (promtool refuses them);
  // the same figures stay as nodejs_active_handles, nodejs_active_requests, nodejs_active_resources.
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) registry.removeSingleMetric(name);
  gauge('dvc_build_info', 'Versions of this dvc-monitor (the process serving /metrics); always 1', ['version', 'node_version', 'axe_core_version', 'criteria_version', 'scoring_version'], (set) => {
    set({ version: TOOL_VERSION, node_version: process.version, axe_core_version: AXE_VERSION, criteria_version: CRITERIA_VERSION, scoring_version: SCORING_VERSION }, 1);
  });
  gauge('dvc_service_heartbeat_timestamp_seconds', 'Last heartbeat of the `dvc-monitor start` service holding this store (every 10 s while it runs); absent when none holds it', [], (set) => {
    const holder = lockHolder(db, LOCK_NAME);
    if (holder) set({}, seconds(holder.heartbeatAt)!);
  });

  // ---- registry: names and groupings, to join on ----------------------------------------------
  const regions = regionsOf(data.loaded.agencies);
  const agencyByCode = new Map(data.loaded.agencies.map((a) => [a.code, a]));
  const portalAgency = new Map(config.portals.map((p) => [p.id, p.agency]));
  const agencyOfPortal = (portalId: string) => portalAgency.get(portalId) ?? '';
  gauge('dvc_portal_info', 'A configured portal: its agency, name and address; always 1', ['portal', 'agency', 'name', 'url'], (set) => {
    for (const p of config.portals) set({ portal: p.id, agency: p.agency, name: p.name, url: p.url }, 1);
  });
  gauge('dvc_region_info', 'A socio-economic region (vùng kinh tế - xã hội) and its name; always 1', ['region', 'name'], (set) => {
    for (const [region, name] of Object.entries(REGIONS)) set({ region, name: name.vi }, 1);
  });

  // ---- KPIs of the last complete month ---------------------------------------------------------
  const kpiRows = (): Array<{ row: AgencyFigures; labels: { agency: string; level: string; region: string } }> => {
    const overview = data.overview(data.defaultPeriod(), METRICS_LANG);
    return [...overview.aggregates, ...overview.agencies].map((row) => ({
      row,
      labels: {
        agency: row.agencyCode,
        level: row.agencyCode === 'VN' ? 'national' : row.level,
        region: regions.get(row.agencyCode) ?? '',
      },
    }));
  };
  const kpiGauge = (name: string, help: string, value: (f: KpiFigure, row: AgencyFigures) => number | null | undefined, aggregatesOnly = false) =>
    gauge(name, help, ['kpi', 'agency', 'level', 'region'], (set) => {
      for (const { row, labels } of kpiRows()) {
        if (aggregatesOnly && labels.level !== 'national' && labels.level !== 'block') continue;
        for (const k of ALL_KPIS) {
          const f = row.kpis[k.id];
          const v = f ? value(f, row) : null;
          if (v !== null && v !== undefined) set({ kpi: k.id, ...labels }, v);
        }
      }
    }, kpiRegistry);
  kpiGauge('dvc_kpi_ratio', 'KPI of the last complete month (Asia/Ho_Chi_Minh), 0–1, per agency and for the country (level national) and the blocks (level block); absent without a figure', (f) => (f.rate === null ? null : f.rate / 100));
  kpiGauge('dvc_kpi_target_ratio', 'Target of the KPI for the agency, its level and year, 0–1', (f) => (f.target === null ? null : f.target / 100));
  kpiGauge('dvc_kpi_rank', 'Rank of the agency within its level for the KPI (1 = best)', (f) => f.rank);
  // An aggregate without a quarantined agency is incomplete: a rule on dvc_kpi_ratio should hold while this is above 0.
  kpiGauge('dvc_kpi_quarantined_agencies', 'Agencies left out of a national or block KPI of the last complete month because a value of theirs is quarantined',
    (f) => (f.excluded ? new Set(f.excluded.map((q) => q.agencyCode)).size : 0), true);
  gauge('dvc_agency_info', 'An agency with KPI figures: its name, level and region; always 1', ['agency', 'name', 'level', 'region'], (set) => {
    for (const { row, labels } of kpiRows()) set({ ...labels, name: agencyByCode.get(row.agencyCode)?.name ?? row.name }, 1);
  }, kpiRegistry);

  // ---- uptime, as blackbox_exporter names it ---------------------------------------------------
  const endpoints = (): EndpointReport[] => data.uptimeReport(METRICS_LANG).endpoints.filter((e) => e.configured);
  const endpointLabels = (e: EndpointReport) => ({ portal: e.portalId, endpoint: e.endpoint, agency: agencyOfPortal(e.portalId) });
  const ENDPOINT = ['portal', 'endpoint', 'agency'];
  gauge('probe_success', 'Whether the latest probe of the endpoint succeeded (1: up or degraded) or failed (0); absent when it was our own fault (unknown)', ENDPOINT, (set) => {
    for (const e of endpoints()) {
      const outcome = e.lastProbe?.outcome;
      if (outcome && outcome !== 'unknown') set(endpointLabels(e), outcome === 'failed' ? 0 : 1);
    }
  });
  gauge('probe_duration_seconds', 'Duration of the latest probe of the endpoint, redirects included', ENDPOINT, (set) => {
    for (const e of endpoints()) if (e.lastProbe?.totalMs != null) set(endpointLabels(e), e.lastProbe.totalMs / 1000);
  });
  gauge('probe_http_duration_seconds', 'Phases of the latest probe (resolve, connect, tls: summed over redirects; processing: to the first byte of the final answer; transfer: its body)', [...ENDPOINT, 'phase'], (set) => {
    for (const e of endpoints()) {
      const p = e.lastProbe;
      if (!p) continue;
      const labels = endpointLabels(e);
      const phases: Array<[string, number | null]> = [['resolve', p.dnsMs], ['connect', p.connectMs], ['tls', p.tlsMs]];
      if (p.firstByteMs != null) {
        phases.push(['processing', Math.max(0, p.firstByteMs - (p.dnsMs ?? 0) - (p.connectMs ?? 0) - (p.tlsMs ?? 0))]);
        if (p.totalMs != null) phases.push(['transfer', Math.max(0, p.totalMs - p.firstByteMs)]);
      }
      for (const [phase, ms] of phases) if (ms != null) set({ ...labels, phase }, ms / 1000);
    }
  });
  gauge('probe_http_status_code', 'HTTP status of the final answer to the latest probe', ENDPOINT, (set) => {
    for (const e of endpoints()) if (e.lastProbe?.statusCode != null) set(endpointLabels(e), e.lastProbe.statusCode);
  });
  gauge('probe_ssl_earliest_cert_expiry', 'When the TLS certificate last seen on the endpoint expires (Unix time); alert on probe_ssl_earliest_cert_expiry - time()', ENDPOINT, (set) => {
    for (const e of endpoints()) if (e.certificate) set(endpointLabels(e), seconds(e.certificate.notAfter)!);
  });
  gauge('dvc_probe_last_timestamp_seconds', 'When the latest probe of the endpoint ran: a stale value means the prober stopped', ENDPOINT, (set) => {
    for (const e of endpoints()) if (e.lastProbeAt) set(endpointLabels(e), seconds(e.lastProbeAt)!);
  });
  gauge('dvc_endpoint_state', 'The endpoint\'s current state, one series per state (1 for the current one): up, degraded (SUY GIẢM: slow or a soft condition failed), down, maintenance, unknown', [...ENDPOINT, 'state'], (set) => {
    for (const e of endpoints()) {
      const current = e.state === 'partial' ? (e.lastProbe?.state ?? 'up') : e.state;
      for (const state of ENDPOINT_STATES) set({ ...endpointLabels(e), state }, state === current ? 1 : 0);
    }
  });

  // Availability as counters Prometheus can rate: the probes written since this process started,
  // by state (each stands for one interval). Starting at 0 and only growing, they never move back
  // when retention deletes old rollups; availability over a range is
  // increase(up+degraded) / increase(up+degraded+down).
  let counted = newestProbeId(db);
  new Counter({
    name: 'dvc_endpoint_probes_total', help: 'Probes of the endpoint by state since this process started (MAINTENANCE and UNKNOWN are left out of availability)', labelNames: [...ENDPOINT, 'state'], registers: [registry],
    collect() {
      const known = new Map(listEndpoints(db, { includeDisabled: true }).map((e) => [e.id, e]));
      const labelsOf = (e: { portalId: string; key: string }) => ({ portal: e.portalId, endpoint: e.key, agency: agencyOfPortal(e.portalId) });
      // Every series exists from the start, so the first probes of a state are counted by rate() too.
      for (const e of known.values()) if (e.enabled) for (const state of ENDPOINT_STATES) this.inc({ ...labelsOf(e), state }, 0);
      const { newestId, counts } = probeCountsSince(db, counted);
      for (const c of counts) {
        const e = known.get(c.endpointId);
        if (e) this.inc({ ...labelsOf(e), state: c.state }, c.n);
      }
      counted = newestId;
    },
  });

  // Scale-out (issue 16): each location's own view, the verdict's reach, the locations' workers.
  const LOCATED = [...ENDPOINT, 'location'];
  gauge('dvc_probe_location_success', 'Whether the latest probe of the endpoint from this location reached it (1) or not (0); unknown results are omitted', LOCATED, (set) => {
    for (const e of endpoints()) for (const l of e.locations) if (l.last && l.last.outcome !== 'unknown') set({ ...endpointLabels(e), location: l.location }, l.last.outcome === 'failed' ? 0 : 1);
  });
  gauge('dvc_probe_location_duration_seconds', 'Duration of the latest probe of the endpoint from this location', LOCATED, (set) => {
    for (const e of endpoints()) for (const l of e.locations) if (l.last?.totalMs != null) set({ ...endpointLabels(e), location: l.location }, l.last.totalMs / 1000);
  });
  gauge('dvc_probe_partially_reachable', 'Whether the endpoint is reachable from some locations only (1): counted as available, alerted on apart', ENDPOINT, (set) => {
    for (const e of endpoints()) if (e.reach !== null) set(endpointLabels(e), e.reach === 'partial' ? 1 : 0);
  });
  gauge('dvc_location_up', 'Whether the location has a live probe worker (1) or is UNKNOWN and left out of the quorum (0)', ['location'], (set) => {
    for (const l of locationStates(db)) set({ location: l.location }, l.state === 'up' ? 1 : 0);
  });
  gauge('dvc_queue_dead_letters', 'Worker results that could not be ingested, kept with their reason (queue_dead_letter)', [], (set) => set({}, deadLetterCount(db)));

  // ---- privacy and accessibility checks: each area's latest complete result ---------------------
  const AREA = ['portal', 'agency', 'area'];
  const summaries = () => config.portals.flatMap((p) => latestAreaSummaries(db, p.id).map((s) => ({ s, labels: { portal: p.id, agency: p.agency, area: s.area } })));
  gauge('dvc_check_score_ratio', 'Score of the portal in the area (score/2, severity-weighted share of the judged criteria that pass), 0–1, from the latest check that judged the whole area', AREA, (set) => {
    for (const { s, labels } of summaries()) if (s.complete && s.score !== null) set(labels, s.score / 100);
  });
  gauge('dvc_check_criteria', 'Criteria of that result by outcome (pass, fail, cant_tell, not_applicable, error); advisory criteria left out', [...AREA, 'outcome'], (set) => {
    for (const { s, labels } of summaries()) for (const [outcome, n] of Object.entries(s.counts)) set({ ...labels, outcome }, n);
  });
  gauge('dvc_check_failing_criteria', 'Failing criteria of that result by severity (critical, serious, moderate, minor); advisory criteria left out', [...AREA, 'severity'], (set) => {
    for (const { s, labels } of summaries()) {
      const bySeverity: Record<string, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
      for (const f of s.failing) if (!criterionById(f.criterionId)?.advisory) bySeverity[f.severity] = (bySeverity[f.severity] ?? 0) + 1;
      for (const [severity, n] of Object.entries(bySeverity)) set({ ...labels, severity }, n);
    }
  });
  gauge('dvc_check_last_timestamp_seconds', 'When the check the area\'s result comes from finished', AREA, (set) => {
    for (const { s, labels } of summaries()) set(labels, seconds(s.finishedAt)!);
  });
  gauge('dvc_check_incomplete', 'Whether the newest check of the area could not judge all of it (1: a scanner failure, a 5xx, a crash), so the result shown is older or partial', AREA, (set) => {
    for (const { s, labels } of summaries()) set(labels, !s.complete || s.newerIncomplete ? 1 : 0);
  });

  // ---- runs ----------------------------------------------------------------------------------
  gauge('dvc_run_last_finished_timestamp_seconds', 'When the newest finished run ended', [], (set) => {
    const run = latestRunVersions(db);
    if (run?.finishedAt) set({}, seconds(run.finishedAt)!);
  });
  gauge('dvc_run_failed_jobs', 'Failed jobs of the newest finished run, per collector (source)', ['source'], (set) => {
    const run = latestRunVersions(db);
    if (run) for (const r of failedJobsBySource(db, run.runId)) set({ source: r.sourceId }, r.failed);
  });

  // ---- alerts and the outbox -------------------------------------------------------------------
  gauge('dvc_alerts_open', 'Open alerts by rule and severity', ['rule', 'severity'], (set) => {
    for (const r of openAlertCounts(db)) set({ rule: r.rule, severity: r.severity }, r.n);
  });
  gauge('dvc_outbox_messages', 'Alert notifications in the outbox by channel and status (pending and sending are the backlog; dead were given up)', ['channel', 'status'], (set) => {
    const channels = new Set(config.channels.map((c) => c.id));
    const rows = outboxByChannel(db);
    for (const r of rows) channels.add(r.channelId);
    for (const channel of channels) for (const status of ['pending', 'sending', 'delivered', 'dead']) set({ channel, status }, 0);
    for (const r of rows) set({ channel: r.channelId, status: r.status }, r.n);
  });
  gauge('dvc_outbox_oldest_undelivered_timestamp_seconds', 'When the oldest notification still waiting for delivery (pending or sending) was queued, per channel; absent when none waits', ['channel'], (set) => {
    const oldest = new Map<string, string>();
    for (const r of outboxByChannel(db)) {
      if (r.status !== 'pending' && r.status !== 'sending') continue;
      const known = oldest.get(r.channelId);
      if (!known || r.oldestCreatedAt < known) oldest.set(r.channelId, r.oldestCreatedAt);
    }
    for (const [channel, at] of oldest) set({ channel }, seconds(at)!);
  });

  return {
    contentType: registry.contentType,
    async metrics() {
      const overview = data.overview(data.defaultPeriod(), METRICS_LANG);
      if (kpiText?.overview !== overview) kpiText = { overview, text: await kpiRegistry.metrics() };
      return `${await registry.metrics()}${kpiText.text}`;
    },
    declared: () => [...registry.getMetricsAsArray(), ...kpiRegistry.getMetricsAsArray()]
      .map((m) => { const { name, labelNames } = m as unknown as { name: string; labelNames?: string[] }; return { name, labelNames: [...(labelNames ?? [])] }; }),
  };
}
