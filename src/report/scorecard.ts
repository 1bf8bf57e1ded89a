// A portal's privacy and accessibility scorecard: per area the latest complete result with its
// date (and any newer attempt that could not complete), each criterion that did not pass with
// its legal basis in force on the measured date and its findings, and the evidence
// (screenshot, blob hashes, times). Everything shown came from a portal page: escaped.
import type { Scorecard, ScorecardArea, ScorecardCheck, ScorecardResult } from '../../storage/check-report.ts';
import { criterionById } from '../checks/criteria/index.ts';
import { shareText } from '../checks/judge.ts';
import { reasonsText, sampleSummaryText } from '../checks/sample/describe.ts';
import { INSTRUMENTS } from '../checks/criteria/basis.ts';
import { areaName, outcomeName, severityName } from '../cli/render-check.ts';
import { numberFormat, type Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';
import { html, msgHtml, Safe } from './html.ts';
import { localTimeMarkup } from './local-time.ts';
import { errorGroupList, groupScannerErrors, scannerReasonText } from './scanner-errors.ts';

const ORDER = ['fail', 'error', 'cant_tell', 'pass', 'not_applicable'];

function basisText(b: { instrument: string; article: string | null; unverified: boolean }, lang: Lang): string {
  const instrument = (INSTRUMENTS as Record<string, { name: string } | undefined>)[b.instrument];
  return `${instrument?.name ?? b.instrument}${b.article ? `, ${b.article}` : ''}${b.unverified ? ` ${msg(lang, 'report.scorecard.unverified')}` : ''}`;
}

/** When an area's result was measured, and whether a newer attempt could not complete it. */
function areaDate(a: ScorecardArea, lang: Lang): Safe {
  const when = html`<div class="muted checked-at">${msgHtml(lang, 'report.scorecard.checkedAt', { checkId: a.checkId }, { time: localTimeMarkup(a.finishedAt) })}</div>`;
  const incomplete = a.complete ? null
    : html`<div class="bad">${msg(lang, 'report.scorecard.noCompleteCheck')}</div>`;
  const later = a.newerIncomplete;
  const reasons = later?.reasons.map((r) => scannerReasonText(r, lang)).join(', ');
  const newer = later === null ? null
    : html`<div class="bad newer-incomplete">${msgHtml(lang, 'report.scorecard.newerIncomplete', { checkId: later.checkId, reasons: reasons ?? '' }, { time: localTimeMarkup(later.startedAt) })}</div>`;
  return html`${when}${incomplete}${newer}`;
}

/** How the check's pages were chosen: of how many found, structured and random, the seed, the crawl record's hash. */
function sampleBlock(c: ScorecardCheck, lang: Lang): Safe | null {
  const s = c.sample;
  if (!s) return null;
  return html`<p class="sample" data-check-id="${c.checkId}" data-seed="${s.seed}">${sampleSummaryText({ ...s, checked: c.visits.length }, lang)}
<span class="muted">${msg(lang, 'report.scorecard.crawlRecord')}: sha256:${s.crawlSha256}</span></p>`;
}

function sampleReason(c: ScorecardCheck, pageIndex: number, lang: Lang): Safe | null {
  const page = c.sample?.pages.find((p) => p.pageIndex === pageIndex);
  if (!page) return null;
  return html`<br><span class="muted sample-reason">${reasonsText(page.reasons, lang)}${page.template ? ` · ${msg(lang, 'report.scorecard.template')} ${page.template}` : ''}</span>`;
}

export interface ScorecardOptions {
  /** The dashboard: every finding of a criterion inside a disclosure, each linked to its evidence. */
  expandable?: boolean;
  /** Where an evidence blob can be opened, by its SHA-256 (the dashboard serves them). */
  evidenceLink?: (sha256: string) => string;
  /** The level of the "Evidence" heading (the report nests the scorecard one level deeper). */
  headingLevel?: 3 | 4;
}

const SCANNER_PREFIX = 'scanner.';
/** A finding that says the scanner could not visit the page (judge.ts: `scanner.<reason>`). */
const isScannerError = (code: string) => code.startsWith(SCANNER_PREFIX);

/** A result the scanner could not judge: outcome error, and nothing found but its own failures. */
const onlyScannerErrors = (r: ScorecardResult) => r.outcome === 'error' && r.findings.every((f) => isScannerError(f.code) || f.code === 'pages.error');

/** One row for every criterion the scanner could not judge: how many, why, and which (collapsed). */
function unjudgedRow(results: ScorecardResult[], lang: Lang): Safe {
  const reasons = groupScannerErrors(results.flatMap((r) => r.findings.filter((f) => isScannerError(f.code)).map((f) => ({ reason: f.code.slice(SCANNER_PREFIX.length), url: f.pageUrl }))));
  return html`<tr class="outcome-error unjudged" data-criteria="${results.length}"><td>${outcomeName('error', lang)}</td><td>—</td>
<td>${msg(lang, 'report.scorecard.unjudged', { count: results.length })}
${errorGroupList(reasons, lang, { withPages: false })}
<details><summary>${msg(lang, 'report.scorecard.criteriaList')}</summary><ul>${results.map((r) => html`<li>${criterionById(r.criterionId)?.title[lang] ?? r.criterionId} <span class="muted">${r.criterionId}</span>${r.pages && r.pages.of > 1 ? html` <span class="share">${shareText(r.pages)[lang]}</span>` : null}</li>`)}</ul></details></td>
<td>—</td></tr>`;
}

/** The pages of a check the scanner could not visit, once per reason, the pages collapsed. */
function visitErrors(c: ScorecardCheck, lang: Lang): Safe | null {
  const groups = groupScannerErrors(c.visits.filter((v) => v.status === 'error').map((v) => ({ reason: v.errorReason, url: v.url, detail: v.httpStatus ? `HTTP ${v.httpStatus}` : null })));
  if (groups.length === 0) return null;
  return html`<div class="visit-errors" data-check-id="${c.checkId}"><p>${msg(lang, 'report.scorecard.visitErrors', { checkId: c.checkId })}</p>${errorGroupList(groups, lang)}</div>`;
}

function findingItem(f: ScorecardResult['findings'][number], lang: Lang, opts: ScorecardOptions): Safe {
  const sha = f.evidenceSha256;
  const evidence = !sha ? null
    : opts.evidenceLink ? html` · <a href="${opts.evidenceLink(sha)}">${msg(lang, 'report.scorecard.evidenceLink')} sha256:${sha.slice(0, 16)}…</a>${f.evidencePath ? ` → ${f.evidencePath}` : ''}`
      : html` · sha256:${sha.slice(0, 16)}…${f.evidencePath ? ` → ${f.evidencePath}` : ''}`;
  const share = f.pages && f.pages.of > 1 && !f.code.startsWith('pages.') ? html` <span class="share">(${shareText(f.pages)[lang]})</span>` : null;
  return html`<li>${f.text[lang]}${share} <span class="muted">${f.pageUrl}${evidence}</span></li>`;
}

/** `screenshot` is a data: URI of the home page screenshot (kept in the file: the report stays offline). */
export function scorecardSection(sc: Scorecard | null, lang: Lang, screenshot: string | null, opts: ScorecardOptions = {}): Safe {
  if (!sc) return html`<p class="muted">${msg(lang, 'report.scorecard.noCheck')}</p>`;
  const scores = html`<div class="cards">${sc.areas.map((s) => html`<div class="card" data-area="${s.area}" data-check-id="${s.checkId}"><dl class="score"><dt>${areaName(s.area, lang)}</dt>
<dd class="big">${s.score === null ? '—' : `${numberFormat(lang, 1, 1).format(s.score)}/100`}</dd><dd class="muted">${s.version} · ${msg(lang, 'report.scorecard.counts', { pass: s.counts.pass, fail: s.counts.fail, cantTell: s.counts.cant_tell })}</dd></dl>${areaDate(s, lang)}</div>`)}</div>`;
  const sorted = [...sc.results].sort((a, b) => ORDER.indexOf(a.outcome) - ORDER.indexOf(b.outcome));
  // Criteria the scanner could not judge at all (their only findings are its errors) share one row.
  const unjudged = sorted.filter(onlyScannerErrors);
  const results = unjudged.length > 1 ? sorted.filter((r) => !unjudged.includes(r)) : sorted;
  const rows = results.map((r) => {
    const criterion = criterionById(r.criterionId);
    const judged = r.outcome === 'pass' || r.outcome === 'not_applicable' ? [] : r.findings;
    // Every finding: the report is what an auditor files, a cut list would hide what was found.
    // The scanner's own failures are the exception: one line per reason, the pages listed once below.
    const shown = judged.filter((f) => !isScannerError(f.code));
    const scannerErrors = groupScannerErrors(judged.filter((f) => isScannerError(f.code)).map((f) => ({ reason: f.code.slice(SCANNER_PREFIX.length), url: f.pageUrl })));
    const list = shown.length === 0 ? null : html`<ul class="findings">${shown.map((f) => findingItem(f, lang, opts))}</ul>`;
    return html`<tr class="outcome-${r.outcome}"><td>${outcomeName(r.outcome, lang)}</td><td>${severityName(r.severity, lang)}</td>
<td>${criterion?.title[lang] ?? r.criterionId} <span class="muted">${r.criterionId}</span>${r.pages && r.pages.of > 1 && r.outcome !== 'not_applicable' ? html` <span class="share">${shareText(r.pages)[lang]}</span>` : null}
${opts.expandable && list ? html`<details class="findings"><summary>${msg(lang, 'report.scorecard.findings', { count: shown.length })}<span class="visually-hidden">: ${criterion?.title[lang] ?? r.criterionId}</span></summary>${list}</details>` : list}
${errorGroupList(scannerErrors, lang, { withPages: false })}
</td>
<td>${r.basis.map((b) => basisText(b, lang)).join('; ') || '—'}</td></tr>`;
  });
  if (unjudged.length > 1) rows.push(unjudgedRow(unjudged, lang));
  const hash = (sha: string) => (opts.evidenceLink ? html`<a href="${opts.evidenceLink(sha)}">${sha}</a>` : html`${sha}`);
  const visits = sc.checks.map((c) => html`${sampleBlock(c, lang)}${visitErrors(c, lang)}<div class="table-wrap" tabindex="0" role="region" aria-label="${msg(lang, 'report.scorecard.evidenceOfCheck', { checkId: c.checkId })}"><table class="evidence" data-check-id="${c.checkId}"><caption>${msgHtml(lang, 'report.scorecard.evidenceCaption', { checkId: c.checkId, measuredOn: c.measuredOn }, { started: localTimeMarkup(c.startedAt), finished: localTimeMarkup(c.finishedAt) })}</caption>
<thead><tr><th>${msg(lang, 'report.scorecard.col.page')}</th><th>${msg(lang, 'report.scorecard.col.time')}</th><th>${msg(lang, 'report.scorecard.col.hashes')}</th></tr></thead>
<tbody>${c.visits.map((v) => html`<tr><td>[${v.pageIndex}] ${v.url}${v.status === 'error' ? html` <span class="bad">${msg(lang, 'report.scorecard.scannerError')}: ${v.errorReason ?? ''}</span>` : null}${sampleReason(c, v.pageIndex, lang)}</td><td>${localTimeMarkup(v.startedAt)} (${Math.round(v.durationMs)} ms)</td>
<td class="hashes">${msg(lang, 'report.scorecard.evidenceLink')}: ${hash(v.evidenceSha256)}${v.screenshotSha256 ? html`<br>${msg(lang, 'report.scorecard.screenshot')}: ${hash(v.screenshotSha256)}` : null}${v.domSha256 ? html`<br>DOM: ${hash(v.domSha256)}` : null}${v.axeSha256 ? html`<br>axe: ${hash(v.axeSha256)}` : null}</td></tr>`)}</tbody></table></div>`);
  const home = sc.checks.find((c) => c.visits[0]?.screenshotSha256)?.visits[0]?.screenshotSha256 ?? '';
  return html`<div class="scorecard" data-portal="${sc.portalId}">
${scores}
<div class="table-wrap" tabindex="0" role="region" aria-label="${msg(lang, 'report.scorecard.resultsLabel')}"><table class="criteria"><thead><tr><th scope="col">${msg(lang, 'report.scorecard.col.outcome')}</th><th scope="col">${msg(lang, 'report.col.severity')}</th><th scope="col">${msg(lang, 'report.scorecard.col.criterion')}</th><th scope="col">${msg(lang, 'report.scorecard.col.basis')}</th></tr></thead><tbody>${rows}</tbody></table></div>
${new Safe(`<h${opts.headingLevel ?? 4}>`)}${msg(lang, 'report.scorecard.evidenceHeading')}${new Safe(`</h${opts.headingLevel ?? 4}>`)}${visits}
${screenshot ? html`<figure><img class="screenshot" alt="${msg(lang, 'report.scorecard.homeScreenshotAlt')}" src="${screenshot}"><figcaption>${msg(lang, 'report.scorecard.homeScreenshot')} — sha256:${home}</figcaption></figure>` : null}
</div>`;
}
