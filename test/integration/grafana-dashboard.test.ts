// The Grafana dashboard (deploy/grafana/dvc-monitor.json) and the Prometheus rules
// (deploy/prometheus/dvc-monitor.rules.yml) work on the metrics /metrics exports: every query is
// parsed with Prometheus' own PromQL grammar (@prometheus-io/lezer-promql), and every metric and
// label it selects on must be one the exporter declares. A renamed metric fails here, not on an
// operator's blank panel.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parser } from '@prometheus-io/lezer-promql';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openStore } from '../../storage/db.ts';
import { parseConfig } from '../../src/config/load.ts';
import { DashboardData } from '../../src/server/data.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { tempDir } from '../helpers/tmp.ts';

const ROOT = join(import.meta.dirname, '../..');
const DASHBOARD = join(ROOT, 'deploy/grafana/dvc-monitor.json');
const RULES = join(ROOT, 'deploy/prometheus/dvc-monitor.rules.yml');
// Series Prometheus itself adds to every scrape job.
const PROMETHEUS_OWN: Record<string, string[]> = { up: ['job', 'instance'] };

/** Every metric /metrics declares, with its label names (read from the registry, not from a scrape, so metrics without series count too). */
function exported(): Map<string, Set<string>> {
  const db = openStore(join(tempDir(), 'grafana.sqlite'));
  try {
    const metrics = createMetrics(new DashboardData(db, parseConfig('version: 1\nportals: []\n', 'c.yaml', {})));
    const out = new Map<string, Set<string>>();
    for (const m of metrics.declared()) out.set(m.name, new Set([...m.labelNames, 'job', 'instance']));
    for (const [name, labels] of Object.entries(PROMETHEUS_OWN)) out.set(name, new Set(labels));
    return out;
  } finally {
    db.close();
  }
}

/** Grafana's variables, as it would substitute them before sending a query. */
const substitute = (q: string) => q.replace(/\$__(range|rate_interval|interval)\b/g, '5m').replace(/\$\{?(agency|portal|kpi)\}?/g, 'x');

interface Selector { metric: string; labels: string[] }

/** The vector selectors of a PromQL expression, or the syntax errors Prometheus' grammar finds in it. */
function selectors(expr: string): { selectors: Selector[]; errors: string[] } {
  const out: Selector[] = [];
  const errors: string[] = [];
  const cursor = parser.parse(expr).cursor();
  do {
    if (cursor.type.isError) errors.push(`syntax error at ${cursor.from}: "${expr.slice(Math.max(0, cursor.from - 20), cursor.from + 20)}"`);
    if (cursor.name === 'VectorSelector') {
      const node = cursor.node;
      const id = node.getChild('Identifier');
      const labels = node.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher').map((m) => expr.slice(m.getChild('LabelName')!.from, m.getChild('LabelName')!.to)) ?? [];
      if (id) out.push({ metric: expr.slice(id.from, id.to), labels });
    }
  } while (cursor.next());
  return { selectors: out, errors };
}

/** Problems of one query: syntax, a metric /metrics does not export, a label that metric does not have. */
function problems(where: string, expr: string, metrics: Map<string, Set<string>>): string[] {
  const found = selectors(expr);
  const out = found.errors.map((e) => `${where}: ${e}`);
  if (found.selectors.length === 0) out.push(`${where}: selects no metric: ${expr}`);
  for (const s of found.selectors) {
    const labels = metrics.get(s.metric);
    if (!labels) out.push(`${where}: ${s.metric} is not exported by /metrics`);
    else for (const l of s.labels) if (!labels.has(l)) out.push(`${where}: ${s.metric} has no label "${l}"`);
  }
  return out;
}

interface Panel { id: number; type: string; title: string; targets?: Array<{ expr?: string; datasource?: { uid?: string } }>; panels?: Panel[]; gridPos?: { x: number; y: number; w: number; h: number } }

const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((p) => [p, ...allPanels(p.panels ?? [])]);

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; panels: Panel[]; templating: { list: Array<{ name: string; type: string; query: string | { query: string } }> } };
  const metrics = exported();

  it('queries only metrics and labels /metrics exports, in valid PromQL', () => {
    const queries: Array<[string, string]> = [];
    for (const p of allPanels(dashboard.panels)) for (const t of p.targets ?? []) if (t.expr !== undefined) queries.push([`panel "${p.title}"`, t.expr]);
    for (const v of dashboard.templating.list.filter((v) => v.type === 'query')) {
      const q = typeof v.query === 'string' ? v.query : v.query.query;
      const m = q.match(/^label_values\((.+),\s*(\w+)\)$/);
      expect(m, `variable ${v.name}: ${q}`).not.toBeNull();
      queries.push([`variable ${v.name}`, m![1]!]);
      expect(metrics.get(selectors(substitute(m![1]!)).selectors[0]!.metric)?.has(m![2]!), `variable ${v.name} reads label ${m![2]}`).toBe(true);
    }
    expect(queries.length).toBeGreaterThan(30);
    expect(queries.flatMap(([where, expr]) => problems(where, substitute(expr), metrics))).toEqual([]);
  });

  it('covers KPIs, probes, certificates, availability counters, checks, the outbox and the service', () => {
    const used = new Set(allPanels(dashboard.panels).flatMap((p) => (p.targets ?? []).flatMap((t) => selectors(substitute(t.expr ?? '')).selectors.map((s) => s.metric))));
    for (const name of ['dvc_kpi_ratio', 'dvc_kpi_target_ratio', 'dvc_kpi_rank', 'dvc_region_info', 'probe_success', 'probe_duration_seconds', 'probe_http_duration_seconds',
      'probe_ssl_earliest_cert_expiry', 'dvc_endpoint_probes_total', 'dvc_endpoint_state', 'dvc_check_score_ratio', 'dvc_check_failing_criteria',
      'dvc_outbox_messages', 'dvc_outbox_oldest_undelivered_timestamp_seconds', 'dvc_service_heartbeat_timestamp_seconds', 'dvc_build_info']) {
      expect(used.has(name), name).toBe(true);
    }
  });

  it('every panel reads the chosen Prometheus data source and has its own id and place', () => {
    const panels = allPanels(dashboard.panels);
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    for (const p of panels) for (const t of p.targets ?? []) expect(t.datasource?.uid, p.title).toBe('${datasource}');
    for (const p of panels) expect(p.gridPos!.x + p.gridPos!.w, p.title).toBeLessThanOrEqual(24);
    expect(dashboard.templating.list.map((v) => v.name)).toEqual(['datasource', 'agency', 'portal', 'kpi']);
  });

  it('a query on a metric that is not exported is caught (the check can fail)', () => {
    expect(problems('t', 'dvc_probe_up{portal="x"}', metrics)).toEqual(['t: dvc_probe_up is not exported by /metrics']);
    expect(problems('t', 'probe_success{region="x"}', metrics)).toEqual(['t: probe_success has no label "region"']);
    expect(problems('t', 'sum(probe_success', metrics)[0]).toContain('syntax error');
  });
});

describe('the Prometheus rules', () => {
  const rules = parseYaml(readFileSync(RULES, 'utf8')) as { groups: Array<{ rules: Array<{ alert: string; expr: string }> }> };
  const metrics = exported();

  it('pass promtool check rules', () => {
    const check = spawnSync('promtool', ['check', 'rules', RULES], { encoding: 'utf8' });
    if (check.error) throw new Error(`promtool is not installed (${check.error.message}). Fix: apt-get install prometheus (scripts/test.sh does it)`);
    expect(check.stdout).toContain('SUCCESS: 9 rules found');
    expect(check.status).toBe(0);
  });

  it('use only metrics and labels /metrics exports', () => {
    const all = rules.groups.flatMap((g) => g.rules);
    expect(all).toHaveLength(9);
    expect(all.flatMap((r) => problems(`rule ${r.alert}`, r.expr, metrics))).toEqual([]);
  });
});
