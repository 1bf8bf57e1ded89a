// Plausibility rules, as data: what a value must be before KPIs, ranks, alerts and reports may
// use it. A value that breaks one is quarantined (kept, marked, left out of every figure) until an
// operator releases it or, for an unusual but possible value, a later collection confirms it.
// Pure: the values of a period and each agency's history in, the breaches out.
import { numberFormat, type Lang } from '../i18n.ts';
import { INDEX_766_GROUPS, type Index766Group } from '../kpi/index766.ts';
import { msg, msgBoth, type MessageKey } from '../messages/index.ts';
import { isCountMetric, YTD_PREFIX } from '../normalise/metrics.ts';
import type { AgencyLevel } from '../registry/agencies.ts';
import { median } from './rules.ts';

export type RuleId = 'negative' | 'out_of_range' | 'too_large' | 'part_exceeds_whole' | 'jump_from_history' | 'jump_from_peers';

export interface PlausibilityRule {
  id: RuleId;
  /**
   * impossible: no collection can make it right, only an operator releases it;
   * unusual: possible (a new system, a merger), so a later collection may confirm it.
   */
  kind: 'impossible' | 'unusual';
  title: { vi: string; en: string };
}

/** In the order they are judged: a value is quarantined under the first it breaks. */
export const PLAUSIBILITY_RULES: readonly PlausibilityRule[] = [
  { id: 'negative', kind: 'impossible', title: msgBoth('quality.rule.negative') },
  { id: 'out_of_range', kind: 'impossible', title: msgBoth('quality.rule.outOfRange') },
  { id: 'too_large', kind: 'impossible', title: msgBoth('quality.rule.tooLarge') },
  { id: 'part_exceeds_whole', kind: 'impossible', title: msgBoth('quality.rule.partExceedsWhole') },
  { id: 'jump_from_history', kind: 'unusual', title: msgBoth('quality.rule.jumpFromHistory') },
  { id: 'jump_from_peers', kind: 'unusual', title: msgBoth('quality.rule.jumpFromPeers') },
];

export const ruleOf = (id: string): PlausibilityRule | undefined => PLAUSIBILITY_RULES.find((r) => r.id === id);

/** The range a metric's values must lie in. Patterns end in "*" for a prefix. */
export interface MetricBound {
  metrics: readonly string[];
  min: number;
  max: number;
  /** What the bound is, for the message; a 766 group's score names its group. */
  what: MessageKey;
  group?: Index766Group;
  /** A value above max is out_of_range (a rate, a score, a code) or too_large (a count). */
  over: 'out_of_range' | 'too_large';
}

// Counts per agency and month: the whole country filed 60.8 M online dossiers in a year (9/2024)
// and has 6,287 procedures; a bound a hundred times above what any agency reports only catches
// garbage ("9999999999999"), never a real figure.
export const METRIC_BOUNDS: readonly MetricBound[] = [
  { metrics: ['dossiers.*', 'payments.online_count'], min: 0, max: 1e8, over: 'too_large', what: 'quality.bound.monthCount' },
  { metrics: ['ytd.dossiers.*', 'ytd.payments.online_count'], min: 0, max: 1.2e9, over: 'too_large', what: 'quality.bound.yearCount' },
  { metrics: ['payments.online_amount_vnd'], min: 0, max: 1e15, over: 'too_large', what: 'quality.bound.monthPayments' },
  { metrics: ['ytd.payments.online_amount_vnd'], min: 0, max: 1.2e16, over: 'too_large', what: 'quality.bound.yearPayments' },
  { metrics: ['procedures.*', 'services.*', 'ytd.procedures.*', 'ytd.services.*'], min: 0, max: 100_000, over: 'too_large', what: 'quality.bound.procedures' },
  { metrics: ['reported.*', 'ytd.reported.*'], min: 0, max: 100, over: 'out_of_range', what: 'quality.bound.percentage' },
  { metrics: ['index766.total'], min: 0, max: 100, over: 'out_of_range', what: 'quality.bound.index766Total' },
  ...INDEX_766_GROUPS.map((g): MetricBound => ({ metrics: [`index766.${g.key}`], min: 0, max: g.max, over: 'out_of_range', what: 'quality.bound.index766Group', group: g })),
  { metrics: ['index766.rank'], min: 1, max: 100_000, over: 'out_of_range', what: 'quality.bound.rank' },
  { metrics: ['status.indicator'], min: 0, max: 3, over: 'out_of_range', what: 'quality.bound.statusCode' },
  { metrics: ['status.*'], min: 0, max: 100_000, over: 'too_large', what: 'quality.bound.statusCount' },
];

/** A count that cannot exceed its total (sums of parts against sums of wholes). */
export const PARTS_OF_WHOLES: ReadonlyArray<{ parts: readonly string[]; whole: readonly string[] }> = [
  ...['dossiers.received_online', 'dossiers.received_direct', 'dossiers.received_post'].flatMap((part) => [
    { parts: [part], whole: ['dossiers.received'] },
    { parts: [`${YTD_PREFIX}${part}`], whole: [`${YTD_PREFIX}dossiers.received`] },
  ]),
  { parts: ['services.with_online_filings'], whole: ['services.online_full', 'services.online_partial'] },
  { parts: ['services.online_full', 'services.online_partial'], whole: ['procedures.total'] },
];

const matches = (pattern: string, metric: string) => (pattern.endsWith('*') ? metric.startsWith(pattern.slice(0, -1)) : metric === pattern);

export function boundOf(metric: string): MetricBound | undefined {
  return METRIC_BOUNDS.find((b) => b.metrics.some((p) => matches(p, metric)));
}

/** Counts of dossiers, services and payments: what an order-of-magnitude jump is judged on (not rates, scores, year-to-date counters). */
export function judgedForJumps(metric: string): boolean {
  return isCountMetric(metric) && !metric.startsWith(YTD_PREFIX);
}

export interface PlausibilitySettings {
  /** An order of magnitude: a value over factor × the median of its history, or under median ÷ factor. */
  jumpFactor: number;
  /** Against peers of very different sizes: over peerFactor × the largest, or under the smallest ÷ peerFactor. */
  peerFactor: number;
  /** Jumps among small numbers (3 → 40 dossiers) are noise: judged only when the larger side reaches this. */
  jumpFloor: number;
  /** Fewer earlier months than this: the agency is judged against its peers instead. */
  minHistory: number;
  minPeers: number;
}

export const DEFAULT_PLAUSIBILITY: PlausibilitySettings = { jumpFactor: 10, peerFactor: 100, jumpFloor: 10_000, minHistory: 3, minPeers: 5 };

export interface PeriodValue {
  agencyCode: string;
  metric: string;
  value: number;
  level: AgencyLevel | null;
}

export type Facts = Record<string, number | string | readonly string[]>;

export interface Breach {
  agencyCode: string;
  metric: string;
  value: number;
  rule: RuleId;
  facts: Facts;
}

export interface JudgeInput {
  period: string;
  /** The month in progress: its counts are naturally low, so only the high side of a jump counts. */
  inProgress: boolean;
  /** Every known value of the period (the judged ones, their peers, parts and wholes). */
  values: readonly PeriodValue[];
  /** The agency's earlier values of a metric (the months before, quarantined ones left out). */
  history: (agencyCode: string, metric: string) => readonly number[];
  /** Which values to judge (the others are context); all when omitted. */
  judge?: (agencyCode: string, metric: string) => boolean;
  settings: PlausibilitySettings;
}

/** Above factor × `high`, or (when checkLow) under `low` ÷ factor; small numbers (under the floor on both sides) never jump. */
function jump(value: number, high: number, low: number, factor: number, floor: number, checkLow: boolean): { direction: 'high' | 'low'; ratio: number; reference: number } | null {
  if (high > 0 && Math.max(value, high) >= floor && value > high * factor) return { direction: 'high', ratio: value / high, reference: high };
  if (checkLow && low > 0 && Math.max(value, low) >= floor && value < low / factor) return { direction: 'low', ratio: value > 0 ? low / value : Infinity, reference: low };
  return null;
}

/** The values of a period that break a rule: one breach per value, under the first rule it breaks (the others in facts.also). */
export function judgePeriod(input: JudgeInput): Breach[] {
  const { settings } = input;
  const judged = input.judge ?? (() => true);
  const found = new Map<string, Breach[]>();
  const add = (b: Breach) => {
    const key = `${b.agencyCode}\u0000${b.metric}`;
    const list = found.get(key);
    if (list) list.push(b);
    else found.set(key, [b]);
  };
  const byAgency = new Map<string, Map<string, number>>();
  const byMetricLevel = new Map<string, number[]>();
  for (const v of input.values) {
    const own = byAgency.get(v.agencyCode) ?? new Map<string, number>();
    own.set(v.metric, v.value);
    byAgency.set(v.agencyCode, own);
    if (v.level && v.level !== 'national') {
      const key = `${v.metric}\u0000${v.level}`;
      const list = byMetricLevel.get(key);
      if (list) list.push(v.value);
      else byMetricLevel.set(key, [v.value]);
    }
  }

  for (const v of input.values) {
    if (!judged(v.agencyCode, v.metric)) continue;
    const base = { agencyCode: v.agencyCode, metric: v.metric, value: v.value };
    const bound = boundOf(v.metric);
    if (bound) {
      if (v.value < bound.min) add({ ...base, rule: bound.min === 0 ? 'negative' : 'out_of_range', facts: { min: bound.min, max: bound.max } });
      else if (v.value > bound.max) add({ ...base, rule: bound.over, facts: { min: bound.min, max: bound.max } });
    } else if (v.value < 0) add({ ...base, rule: 'negative', facts: { min: 0 } });
    if (!judgedForJumps(v.metric)) continue;
    const history = input.history(v.agencyCode, v.metric);
    if (history.length >= settings.minHistory) {
      const m = median(history)!;
      const j = jump(v.value, m, m, settings.jumpFactor, settings.jumpFloor, !input.inProgress);
      if (j) add({ ...base, rule: 'jump_from_history', facts: { median: m, months: history.length, factor: settings.jumpFactor, direction: j.direction, ratio: j.ratio } });
    } else if (v.level && v.level !== 'national') {
      // A new source or agency: no history to compare with, so its peers of the same level, metric and month.
      // Peers differ widely in size (the finance ministry's payments are 25 times the next
      // one's), so the value must be far outside what any of them reports: above peerFactor ×
      // the largest, or under the smallest ÷ peerFactor.
      const peers = [...(byMetricLevel.get(`${v.metric}\u0000${v.level}`) ?? [])];
      peers.splice(peers.indexOf(v.value), 1);
      if (peers.length >= settings.minPeers) {
        const j = jump(v.value, Math.max(...peers), Math.min(...peers), settings.peerFactor, settings.jumpFloor, !input.inProgress);
        if (j) add({ ...base, rule: 'jump_from_peers', facts: { reference: j.reference, peers: peers.length, level: v.level, months: history.length, factor: settings.peerFactor, direction: j.direction, ratio: j.ratio } });
      }
    }
  }

  for (const [agencyCode, own] of byAgency) {
    for (const { parts, whole } of PARTS_OF_WHOLES) {
      if (![...parts, ...whole].every((m) => own.has(m))) continue;
      const partValue = parts.reduce((s, m) => s + own.get(m)!, 0);
      const wholeValue = whole.reduce((s, m) => s + own.get(m)!, 0);
      if (partValue <= wholeValue) continue;
      // Which side is wrong cannot be told: every value of the comparison is held back.
      for (const metric of [...parts, ...whole]) {
        if (judged(agencyCode, metric)) add({ agencyCode, metric, value: own.get(metric)!, rule: 'part_exceeds_whole', facts: { parts, whole, partValue, wholeValue } });
      }
    }
  }

  const order = (r: RuleId) => PLAUSIBILITY_RULES.findIndex((x) => x.id === r);
  return [...found.values()].map((list) => {
    list.sort((a, b) => order(a.rule) - order(b.rule));
    const [first, ...others] = list;
    return others.length ? { ...first!, facts: { ...first!.facts, also: [...new Set(others.map((o) => o.rule))] } } : first!;
  });
}

// ---------------------------------------------------------------------------------------------
// What an operator reads

const number = (value: number, lang: Lang) => numberFormat(lang, 0, 2).format(value);
const times = (ratio: number, lang: Lang) => (Number.isFinite(ratio) ? numberFormat(lang, 0, 0).format(ratio) : '∞');

/** What a metric's bound is about, inside a sentence: "số hồ sơ của một cơ quan trong một tháng". */
function boundText(bound: MetricBound | undefined, lang: Lang): string {
  if (!bound) return msg(lang, 'quality.bound.anyMetric');
  return msg(lang, bound.what, bound.group ? { group: bound.group.title[lang] } : {});
}

/** Why a value is quarantined, in the operator's language. */
export function describeBreach(b: { metric: string; value: number; rule: string; facts: Facts }, lang: Lang): string {
  const f = b.facts;
  const n = (x: unknown) => number(Number(x), lang);
  const value = n(b.value);
  const ratio = times(Number(f.ratio), lang);
  switch (b.rule) {
    case 'negative':
      return msg(lang, 'quality.breach.negative', { value });
    case 'out_of_range':
      return msg(lang, 'quality.breach.outOfRange', { value, min: n(f.min), max: n(f.max), what: boundText(boundOf(b.metric), lang) });
    case 'too_large':
      return msg(lang, 'quality.breach.tooLarge', { value, max: n(f.max), what: boundText(boundOf(b.metric), lang) });
    case 'part_exceeds_whole':
      return msg(lang, 'quality.breach.partExceedsWhole', {
        parts: (f.parts as readonly string[]).join(' + '), partValue: n(f.partValue),
        whole: (f.whole as readonly string[]).join(' + '), wholeValue: n(f.wholeValue),
      });
    case 'jump_from_history':
      return msg(lang, f.direction === 'high' ? 'quality.breach.historyHigh' : 'quality.breach.historyLow', { value, ratio, months: String(f.months), median: n(f.median) });
    case 'jump_from_peers': {
      const history = msg(lang, 'quality.breach.shortHistory', { count: Number(f.months) });
      return msg(lang, f.direction === 'high' ? 'quality.breach.peersHigh' : 'quality.breach.peersLow', { history, value, ratio, peers: String(f.peers), reference: n(f.reference) });
    }
    default:
      return b.rule;
  }
}

/** A quarantined value as one line: "tinh:01 dossiers.received = 9.999.999.999.999 — lớn bất khả: …". */
export function describeHeld(q: { agencyCode: string; metric: string; value: number; rule: string; facts: Facts }, lang: Lang): string {
  return `${q.agencyCode} ${q.metric} = ${number(q.value, lang)} — ${ruleOf(q.rule)?.title[lang] ?? q.rule}: ${describeBreach(q, lang)}`;
}

/** What an incomplete aggregate left out: "chưa đầy đủ, không gồm tinh:01 (dossiers.received bị cách ly: lớn bất khả)". */
export function incompleteNote(excluded: ReadonlyArray<{ agencyCode: string; metric: string; rule: string }>, lang: Lang): string {
  const items = excluded.map((q) => msg(lang, 'quality.incomplete.item', { agency: q.agencyCode, metric: q.metric, rule: ruleOf(q.rule)?.title[lang] ?? q.rule }));
  return msg(lang, 'quality.incomplete', { items: items.join('; ') });
}
