// What `dvc-monitor check` prints: per area the score and each criterion's outcome, with the
// law in force on the measured date, the findings, and where their evidence is kept.
// Everything that came from the portal (URLs, texts) is printed as text, never interpreted.
import type { PortalCheck } from '../checks/checker.ts';
import { criterionById } from '../checks/criteria/index.ts';
import { shareText, type CriterionResult } from '../checks/judge.ts';
import { reasonsText, sampleSummaryText } from '../checks/sample/describe.ts';
import { blockingFailures } from '../checks/score.ts';
import type { Area, Outcome, Severity } from '../checks/types.ts';
import { numberFormat, type Lang } from '../i18n.ts';
import { labelOf, msg, type MessageKey } from '../messages/index.ts';
import { scannerReasonText } from '../checks/scanner-reasons.ts';
import type { SavedCheck } from '../../storage/checks.ts';

const AREA_KEY = {
  privacy: 'cli.check.area.privacy',
  accessibility: 'cli.check.area.accessibility',
} as const satisfies Record<Area, MessageKey>;

const OUTCOME_KEY = {
  pass: 'cli.check.outcome.pass',
  fail: 'cli.check.outcome.fail',
  cant_tell: 'cli.check.outcome.cant_tell',
  not_applicable: 'cli.check.outcome.not_applicable',
  error: 'cli.check.outcome.error',
} as const satisfies Record<Outcome, MessageKey>;

export const OUTCOME_MARK: Record<Outcome, string> = { pass: '✓', fail: '✗', cant_tell: '?', not_applicable: '–', error: '!' };

const SEVERITY_KEY = {
  critical: 'cli.check.severity.critical',
  serious: 'cli.check.severity.serious',
  moderate: 'cli.check.severity.moderate',
  minor: 'cli.check.severity.minor',
} as const satisfies Record<Severity, MessageKey>;

const PAGE_KIND = {
  home: 'cli.check.pageKind.home',
  service: 'cli.check.pageKind.service',
  form: 'cli.check.pageKind.form',
  statistics: 'cli.check.pageKind.statistics',
  privacy_policy: 'cli.check.pageKind.privacy_policy',
  accessibility_statement: 'cli.check.pageKind.accessibility_statement',
  other: 'cli.check.pageKind.other',
} as const satisfies Record<string, MessageKey>;

/** Both languages of each name, for the report's scorecard and method, which index by language. */
/** An area, an outcome, a severity in the reader's words (the report's scorecard says them too). */
export const areaName = (area: Area, lang: Lang) => msg(lang, AREA_KEY[area]);
export const outcomeName = (outcome: Outcome, lang: Lang) => msg(lang, OUTCOME_KEY[outcome]);
export const severityName = (severity: Severity, lang: Lang) => msg(lang, SEVERITY_KEY[severity]);

const pageKindName = (kind: string, lang: Lang) => labelOf(PAGE_KIND, kind, lang);

/** Where a blob can be read: a file written with --evidence-dir, or its hash in the store. */
export type EvidenceLocator = (sha256: string) => string;

export const storeLocator: EvidenceLocator = (sha256) => `sha256:${sha256}`;

const number = (value: number, lang: Lang, digits = 1) => numberFormat(lang, digits, digits).format(value);

function findingLines(r: CriterionResult, check: PortalCheck, saved: SavedCheck, locate: EvidenceLocator, lang: Lang, indent: string): string[] {
  const shared = new Set<string>();
  return r.details.slice(0, 12).map((d) => {
    const visit = r.pageIndex === null ? null : saved.visits[r.pageIndex];
    const blob = d.evidence && visit ? visit.blobs[d.evidence.blob] : null;
    const where = blob ? msg(lang, 'cli.check.findingEvidence', { where: `${locate(blob)}${d.evidence?.path ? ` → ${d.evidence.path}` : ''}` }) : '';
    // How many of the pages checked share the finding (a page finding of a check of several pages), said once per finding on a page.
    const share = r.level === 'page' && d.pages && d.pages.of > 1 && !shared.has(d.code) ? ` (${shareText(d.pages)[lang]})` : '';
    shared.add(d.code);
    return `${indent}- ${d.text[lang]}${share}${where}`;
  }).concat(r.details.length > 12 ? [`${indent}  … ${msg(lang, 'cli.check.moreFindings', { count: r.details.length - 12 })}`] : []);
}

export function renderCheck(check: PortalCheck, saved: SavedCheck, lang: Lang, locate: EvidenceLocator = storeLocator): string {
  const v = check.versions;
  const [y, m, d] = check.measuredOn.split('-');
  const lines = [
    msg(lang, 'cli.check.heading'),
    msg(lang, 'cli.check.portal', { portal: check.target.portalId ?? msg(lang, 'cli.check.singleAddress'), url: check.target.homeUrl }),
    msg(lang, 'cli.check.measuredOn', { year: y!, month: m!, day: d!, checkId: saved.checkId }),
    msg(lang, 'cli.check.versions', { versions: `dvc-monitor ${v.tool} · axe-core ${v.axe} · ${v.trackerList} · ${v.browser} · ${v.criteria} · ${v.scoring}` }),
    '',
  ];
  const sample = check.sample;
  if (sample) {
    lines.push(sampleSummaryText({ ...sample, leftOut: sample.leftOut.length, stoppedBy: sample.crawl.stoppedBy, checked: check.visits.length }, lang));
    if (sample.crawl.error) lines.push(msg(lang, 'cli.check.crawlError', { error: sample.crawl.error }));
    const scriptOnly = sample.crawl.pages.filter((p) => p.needsScript).length;
    if (scriptOnly) lines.push(msg(lang, 'cli.check.scriptOnly', { count: scriptOnly }));
    if (saved.crawlSha256) lines.push(msg(lang, 'cli.check.crawlRecord', { where: locate(saved.crawlSha256) }));
    lines.push('');
  }
  lines.push(msg(lang, 'cli.check.pagesVisited'));
  check.visits.forEach((visit, i) => {
    const e = visit.evidence;
    const s = saved.visits[i]!;
    const state = e.error ? msg(lang, 'cli.check.scannerError', { reason: scannerReasonText(e.error.reason, lang), message: e.error.message }) : `HTTP ${e.document?.status}`;
    const chosen = sample?.pages[i];
    const why = chosen ? msg(lang, 'cli.check.why', { reasons: `${reasonsText(chosen.reasons, lang)}${chosen.template ? msg(lang, 'cli.check.template', { template: chosen.template }) : ''}` }) : '';
    lines.push(`  [${i}] ${pageKindName(e.kind, lang)}: ${e.requestedUrl} — ${state} (${number(e.durationMs / 1000, lang)} s)${why}`);
    const reused = e.accessibilityReused;
    if (reused) {
      lines.push(`      ${msg(lang, 'cli.check.reused', { checkId: reused.checkId, visitId: reused.visitId, at: reused.collectedAt })}`);
    }
    const blobs = [
      [msg(lang, 'cli.check.blob.evidence'), s.blobs.evidence], [msg(lang, 'cli.check.blob.screenshot'), s.blobs.screenshot],
      ['axe', s.blobs.axe], ['DOM', s.blobs.dom],
    ].filter((b): b is [string, string] => Boolean(b[1]));
    for (const [name, sha] of blobs) lines.push(`      ${name}: ${locate(sha)}`);
    const third = (e.hosts ?? []).filter((h) => h.party === 'third');
    if (third.length) {
      const host = (h: (typeof third)[number]) => `${h.host}${h.entity ? ` (${h.entity})` : h.filterMatches ? msg(lang, 'cli.check.filterList') : ''}`;
      lines.push(`      ${msg(lang, 'cli.check.thirdParties', { n: third.length, hosts: `${third.slice(0, 8).map(host).join(', ')}${third.length > 8 ? ', …' : ''}` })}`);
    }
    if (e.beacons?.length) lines.push(`      ${msg(lang, 'cli.check.beacons', { n: e.beacons.length, hosts: [...new Set(e.beacons.map((b) => b.host))].join(', ') })}`);
  });

  for (const area of check.areas) {
    const score = check.scores.find((s) => s.area === area)!;
    const c = score.counts;
    lines.push('', msg(lang, 'cli.check.areaScore', {
      area: areaName(area, lang).toUpperCase(), score: score.score === null ? msg(lang, 'cli.check.noScore') : `${number(score.score, lang)}/100`, version: score.version,
      pass: c.pass, fail: c.fail, cantTell: c.cant_tell, notApplicable: c.not_applicable, error: c.error,
    }));
    const portalResults = check.results.filter((r) => r.level === 'portal' && r.area === area);
    const order: Outcome[] = ['fail', 'error', 'cant_tell', 'pass', 'not_applicable'];
    portalResults.sort((a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome));
    for (const r of portalResults) {
      const criterion = criterionById(r.criterionId)!;
      const share = r.pages && r.pages.of > 1 && r.outcome !== 'not_applicable' ? ` — ${shareText(r.pages)[lang]}` : '';
      lines.push(`  ${OUTCOME_MARK[r.outcome]} ${outcomeName(r.outcome, lang)} [${severityName(r.severity, lang)}] ${criterion.title[lang]} (${r.criterionId})${share}`);
      if (r.outcome === 'pass' || r.outcome === 'not_applicable') continue;
      const basis = r.basis.map((b) => `${b.instrument}${b.article ? ` ${b.article}` : ''}${b.unverified ? msg(lang, 'cli.check.unverified') : ''}`).join('; ');
      if (basis) lines.push(msg(lang, 'cli.check.basis', { basis }));
      if (criterion.scope === 'portal') {
        lines.push(...findingLines(r, check, saved, locate, lang, '      '));
        continue;
      }
      for (const page of check.results.filter((p) => p.level === 'page' && p.criterionId === r.criterionId && p.outcome === r.outcome)) {
        lines.push(msg(lang, 'cli.check.page', { index: String(page.pageIndex), url: String(page.pageUrl) }));
        lines.push(...findingLines(page, check, saved, locate, lang, '        '));
      }
    }
  }
  const blocking = blockingFailures(check.results);
  const homeFailed = check.visits[0]?.evidence.error;
  lines.push('', blocking.length
    ? msg(lang, 'cli.check.verdictBlocking', { count: blocking.length, ids: blocking.map((b) => b.criterionId).join(', ') })
    : homeFailed
      ? msg(lang, 'cli.check.verdictHomeFailed', { reason: scannerReasonText(homeFailed.reason, lang) })
      : msg(lang, 'cli.check.verdictNone'));
  if (locate === storeLocator) {
    lines.push(msg(lang, 'cli.check.evidenceInStore'));
  }
  return lines.join('\n');
}

/** One line per portal with its latest area scores, for the demo and summaries. */
export function renderLatestScores(rows: Array<{ portalId: string; areas: Array<{ area: Area; score: number | null; finishedAt: string }> }>, lang: Lang): string {
  if (!rows.length) return '';
  const lines = [msg(lang, 'cli.check.latestScores')];
  for (const r of rows) {
    const score = (area: Area) => {
      const a = r.areas.find((x) => x.area === area);
      if (!a) return '—'.padStart(6);
      return `${(a.score === null ? '—' : number(a.score, lang)).padStart(6)} (${a.finishedAt.slice(0, 10)})`;
    };
    lines.push(`  ${r.portalId.padEnd(20)} ${score('privacy')} / ${score('accessibility')}`);
  }
  lines.push(msg(lang, 'cli.check.latestScoresDetails'));
  return lines.join('\n');
}
