// The kpi command's output: a table per level, one agency in detail, or CSV.
import type { StoredFlag } from '../../storage/quality.ts';
import { ALL_KPIS, HEADLINE_KPIS } from '../kpi/definitions.ts';
import { INDEX_766_GROUPS } from '../kpi/index766.ts';
import { flagKindTitle } from '../quality/flag-kinds.ts';
import { compareCodes, type AgencyFigures, type KpiFigure, type Overview } from '../kpi/overview.ts';
import type { QuarantinedValue } from '../kpi/headline.ts';
import { describeHeld, incompleteNote, type Facts } from '../quality/plausibility.ts';
import { formatMonthLabel, formatPercent, formatPoints, numberFormat, type Lang } from '../i18n.ts';
import { msg, type MessageKey } from '../messages/index.ts';
import { toCsv } from './csv.ts';
import { missingReasonText } from '../kpi/missing-reason.ts';
import { flagDetail } from '../quality/flag-detail.ts';

const number = (value: number | null, lang: Lang, digits = 2) =>
  value === null ? '—' : numberFormat(lang, digits, digits).format(value);

const signed = (value: number | null, lang: Lang) => (value === null ? '' : `${value >= 0 ? '+' : '−'}${number(Math.abs(value), lang, 1)}`);

function pad(text: string, width: number, right = false): string {
  const length = [...text].length;
  if (length >= width) return [...text].slice(0, width).join('');
  return right ? ' '.repeat(width - length) + text : text + ' '.repeat(width - length);
}

const LEVEL_TITLE = {
  ministry: 'cli.kpi.table.ministry',
  province: 'cli.kpi.table.province',
  commune: 'cli.kpi.table.commune',
  block: 'cli.kpi.table.block',
} as const satisfies Record<string, MessageKey>;

/** A table of agencies, ranked on the first headline KPI; flags counted per agency. */
export function renderKpiTable(rows: readonly AgencyFigures[], level: keyof typeof LEVEL_TITLE, lang: Lang, flagsByAgency: ReadonlyMap<string, number>): string {
  const head = HEADLINE_KPIS[0]!;
  // Aggregates keep their order (country first); agencies are ranked.
  const sorted = level === 'block' ? [...rows] : [...rows].sort((a, b) => (a.kpis[head.id]!.rank ?? 1e9) - (b.kpis[head.id]!.rank ?? 1e9) || compareCodes(a.agencyCode, b.agencyCode));
  const columns = ALL_KPIS.map((k) => k.short[lang]);
  const header = [pad('#', 4, true), pad(msg(lang, 'cli.kpi.column.agency'), 30), ...HEADLINE_KPIS.flatMap((k) => [pad(k.short[lang], 14, true), pad(msg(lang, 'cli.kpi.column.gap'), 6, true)]), ...columns.slice(2).map((c) => pad(c, 13, true)), pad(msg(lang, 'cli.kpi.column.flags'), 5, true)];
  const lines = [msg(lang, LEVEL_TITLE[level]), header.join(' ')];
  for (const row of sorted) {
    // "cách ly": the agency's figure holds a quarantined value; "*": a block summed without such agencies.
    const rate = (f: KpiFigure) => (f.rate === null
      ? msg(lang, f.excluded ? 'cli.kpi.cell.quarantined' : 'cli.kpi.cell.missing')
      : `${formatPercent(f.rate, lang)}${f.excluded ? '*' : ''}`);
    lines.push([
      pad(row.kpis[head.id]!.rank === null ? '' : String(row.kpis[head.id]!.rank), 4, true),
      pad(row.name + (row.constituents.length > 1 && row.level !== 'block' ? ` (${row.constituents.length})` : ''), 30),
      ...HEADLINE_KPIS.flatMap((k) => [pad(rate(row.kpis[k.id]!), 14, true), pad(signed(row.kpis[k.id]!.gap, lang), 6, true)]),
      ...ALL_KPIS.slice(2).map((k) => pad(rate(row.kpis[k.id]!), 13, true)),
      pad(String(flagsByAgency.get(row.agencyCode) ?? ''), 5, true),
    ].join(' '));
  }
  return lines.join('\n');
}

export function renderOverview(o: Overview, lang: Lang, flags: readonly StoredFlag[], levels: ReadonlyArray<'ministry' | 'province' | 'commune'>): string {
  const flagsByAgency = new Map<string, number>();
  for (const f of flags) if (f.agencyCode) flagsByAgency.set(f.agencyCode, (flagsByAgency.get(f.agencyCode) ?? 0) + 1);
  const parts = [msg(lang, 'cli.kpi.heading', { month: formatMonthLabel(o.period, lang) }), renderKpiTable(o.aggregates, 'block', lang, flagsByAgency)];
  for (const level of levels) {
    const rows = o.agencies.filter((a) => a.level === level);
    if (rows.length) parts.push(renderKpiTable(rows, level, lang, flagsByAgency));
  }
  const held = quarantinedOf([...o.aggregates, ...o.agencies]);
  if (held.length) {
    parts.push([
      msg(lang, 'cli.kpi.quarantinedHeading'),
      ...held.map((q) => `  ${describeHeld(q as QuarantinedValue & { facts: Facts }, lang)}`),
    ].join('\n'));
  }
  parts.push(msg(lang, 'cli.kpi.legend'));
  return parts.join('\n\n');
}

/** Every quarantined value the figures left out, once each. */
export function quarantinedOf(rows: readonly AgencyFigures[]): QuarantinedValue[] {
  const seen = new Map<string, QuarantinedValue>();
  for (const row of rows) for (const f of Object.values(row.kpis)) for (const q of f.excluded ?? []) seen.set(`${q.agencyCode}|${q.metric}`, q);
  return [...seen.values()].sort((a, b) => compareCodes(`${a.agencyCode}|${a.metric}`, `${b.agencyCode}|${b.metric}`));
}

/** The quarantined values of a figure, for a CSV cell: "tinh:01 dossiers.received=9999999999999 (too_large)". */
export const excludedCell = (f: KpiFigure) => f.excluded?.map((q) => `${q.agencyCode} ${q.metric}=${q.value} (${q.rule})`).join('; ') ?? null;

export function renderAgencyDetail(a: AgencyFigures, period: string, lang: Lang, flags: readonly StoredFlag[], rankedCount: ReadonlyMap<string, number>): string {
  const lines = [`${a.name} (${a.agencyCode}) — ${formatMonthLabel(period, lang)}`];
  if (a.constituents.length > 1 || (a.constituents[0] && a.constituents[0] !== a.agencyCode)) {
    lines.push(msg(lang, 'cli.kpi.summedFrom', { codes: a.constituents.join(', ') }));
  }
  for (const kpi of ALL_KPIS) {
    const f = a.kpis[kpi.id]!;
    const held = f.excluded?.map((q) => describeHeld(q as QuarantinedValue & { facts: Facts }, lang)).join('; ');
    const value = f.rate === null
      ? (held ? msg(lang, 'cli.kpi.notComputedQuarantined', { held }) : msg(lang, 'cli.kpi.noData', { reason: f.missingReason ? missingReasonText(f.missingReason, lang) : String(f.missingReason) }))
      : `${formatPercent(f.rate, lang)} = ${number(f.numerator, lang, 0)} / ${number(f.denominator, lang, 0)}${f.excluded ? ` (${incompleteNote(f.excluded, lang)})` : ''}`;
    const target = f.target === null ? '' : msg(lang, 'cli.kpi.target', { target: formatPercent(f.target, lang) }) + (f.gap === null ? '' : ` (${f.gap >= 0 ? '+' : '−'}${formatPoints(Math.abs(f.gap), lang)})`);
    const rank = f.rank === null ? '' : msg(lang, 'cli.kpi.rank', { rank: f.rank, of: String(rankedCount.get(kpi.id)) });
    lines.push(`  ${kpi.title[lang]}: ${value}${target}${rank}`);
  }
  if (a.index766) {
    lines.push(msg(lang, 'cli.kpi.index766.heading'));
    for (const row of a.index766) {
      const title = row.key === 'total' ? msg(lang, 'cli.kpi.index766.total') : INDEX_766_GROUPS.find((g) => g.key === row.key)!.title[lang];
      lines.push(`    ${pad(title, 26)} ${pad(number(row.collected, lang, 1), 7, true)} ${pad(number(row.computed, lang, 1), 7, true)} ${pad(row.difference === null ? '' : signed(row.difference, lang), 7, true)}  /${row.max}`);
    }
  }
  if (flags.length) {
    lines.push(msg(lang, 'cli.kpi.flags', { n: flags.length }));
    for (const f of flags.slice(0, 30)) lines.push(`    [${flagKindTitle(f.kind, lang)}] ${f.metric ?? ''} ${flagDetail(f.detail, lang)}`);
  }
  return lines.join('\n');
}

/** The columns of `kpi --format csv` and of the exports' kpis table. */
export const KPI_CSV_HEADER = ['period', 'agency_code', 'agency_name', 'level', 'kpi', 'rate_percent', 'numerator', 'denominator', 'target_percent', 'gap_points', 'rank', 'constituents', 'missing_reason', 'quarantined_values'];

export const kpiCsvRow = (period: string, a: AgencyFigures, f: KpiFigure) =>
  [period, a.agencyCode, a.name, a.level, f.kpi, f.rate, f.numerator, f.denominator, f.target, f.gap, f.rank, a.constituents.join(' '), f.missingReason, excludedCell(f)];

export function overviewCsv(rows: readonly AgencyFigures[], period: string): string {
  return toCsv(
    KPI_CSV_HEADER,
    rows.flatMap((a) => ALL_KPIS.map((k) => kpiCsvRow(period, a, a.kpis[k.id]!))),
  );
}
