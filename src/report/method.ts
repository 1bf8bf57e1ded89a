// The report's method appendix: every KPI formula in words (the users' terms, DOMAIN.md) and in
// symbols, the scoring weights and the criteria and scoring versions, the data sources with their
// addresses and when each was last collected for the month, and the versions of the tool,
// axe-core, the tracker lists and the browser, with the configuration hash.
import { severityName } from '../cli/render-check.ts';
import { formatCount, formatPercent, type Lang } from '../i18n.ts';
import { msg, type MessageKey } from '../messages/index.ts';
import type { KpiDefinition } from '../kpi/definitions.ts';
import { SEVERITIES } from '../checks/types.ts';
import { html, msgHtml, type Safe } from './html.ts';
import { localTimeMarkup, localTimeText } from './local-time.ts';
import type { MethodSource, ReportModel } from './model.ts';
import { cut } from './privacy-tables.ts';

/** The counts the KPIs read, in the users' own terms (DOMAIN.md). */
export const METRIC_TERMS = {
  'procedures.total': 'report.metric.procedures.total',
  'services.online_full': 'report.metric.services.online_full',
  'services.online_partial': 'report.metric.services.online_partial',
  'services.with_online_filings': 'report.metric.services.with_online_filings',
  'dossiers.received': 'report.metric.dossiers.received',
  'dossiers.received_online': 'report.metric.dossiers.received_online',
  'dossiers.received_direct': 'report.metric.dossiers.received_direct',
  'dossiers.received_post': 'report.metric.dossiers.received_post',
  'dossiers.synced': 'report.metric.dossiers.synced',
  'dossiers.resolved_on_time': 'report.metric.dossiers.resolved_on_time',
  'dossiers.resolved_late': 'report.metric.dossiers.resolved_late',
  'dossiers.digitised': 'report.metric.dossiers.digitised',
  'dossiers.reusing_data': 'report.metric.dossiers.reusing_data',
} as const satisfies Record<string, MessageKey>;

const term = (metric: string, lang: Lang) => {
  const key = (METRIC_TERMS as Record<string, MessageKey | undefined>)[metric];
  return key ? msg(lang, key) : metric;
};
const sum = (parts: readonly string[], f: (m: string) => string) => (parts.length > 1 ? `(${parts.map(f).join(' + ')})` : f(parts[0]!));

/** "Tỷ lệ hồ sơ trực tuyến = số hồ sơ tiếp nhận trực tuyến ÷ số hồ sơ tiếp nhận (mọi kênh) × 100%". */
export function formulaInWords(k: KpiDefinition, lang: Lang): string {
  return `${k.title[lang]} = ${sum(k.numerator, (m) => term(m, lang))} ÷ ${sum(k.denominator, (m) => term(m, lang))} × 100%`;
}

/** "T = N ÷ M × 100%; N = services.with_online_filings; M = services.online_full + services.online_partial". */
export function formulaInSymbols(k: KpiDefinition, lang: Lang): string {
  return msg(lang, 'report.method.formulaSymbols', { numerator: k.numerator.join(' + '), denominator: k.denominator.join(' + ') });
}

function formulas(m: ReportModel): Safe {
  const { lang } = m;
  return html`<h3>${msg(lang, 'report.method.formulasHeading')}</h3>
<p>${msg(lang, 'report.method.formulasIntro')}</p>
<table class="formulas"><thead><tr><th>${msg(lang, 'report.col.kpi')}</th><th>${msg(lang, 'report.method.col.inWords')}</th><th>${msg(lang, 'report.method.col.inSymbols')}</th><th class="num">${msg(lang, 'report.method.col.defaultTarget')}</th></tr></thead>
<tbody>${m.method.kpis.map((k) => html`<tr data-kpi="${k.id}"><td>${k.title[lang]}<br><span class="muted">${k.id}</span></td><td class="in-words">${formulaInWords(k, lang)}</td><td class="in-symbols"><code>${formulaInSymbols(k, lang)}</code></td><td class="num">${k.defaultTarget === null ? '—' : formatPercent(k.defaultTarget, lang)}</td></tr>`)}</tbody></table>
<p>${msg(lang, 'report.method.availability')}: ${m.method.availabilityFormula}</p>`;
}

function scoring(m: ReportModel): Safe {
  const { lang } = m;
  const { version, weights } = m.method.scoring;
  return html`<h3>${msg(lang, 'report.method.scoringHeading')}</h3>
<p class="scoring-formula">${msg(lang, 'report.method.scoringFormula', { version })}</p>
<table class="weights"><thead><tr><th>${msg(lang, 'report.col.severity')}</th><th class="num">${msg(lang, 'report.method.col.weight')}</th></tr></thead>
<tbody>${SEVERITIES.map((s) => html`<tr data-severity="${s}"><td>${severityName(s, lang)}${severityName(s, lang) === s ? null : html` <span class="muted">(${s})</span>`}</td><td class="num">${weights[s]}</td></tr>`)}</tbody></table>
<p>${msgHtml(lang, 'report.method.versions', {}, { criteria: html`<code>${m.method.criteriaVersion}</code>`, scoring: html`<code>${version}</code>` })}</p>`;
}

function collectionCell(s: MethodSource, lang: Lang): Safe {
  const c = s.collection;
  if (!c) return html`<span class="muted">${msg(lang, 'report.method.noCollection')}</span>`;
  const more = c.fetchCount - c.fetches.length;
  return html`${localTimeMarkup(c.finishedAt)} <span class="muted">(${msg(lang, 'report.method.runAndJob', { runId: c.runId, jobId: c.jobId })})</span>
<ul class="fetches">${c.fetches.map((f) => html`<li>${f.method} ${cut(f.url, 120)} → HTTP ${f.status}, ${localTimeText(f.fetchedAt)} <span class="muted hash">sha256:${f.sha256}</span></li>`)}${more > 0 ? html`<li class="muted">${msg(lang, 'report.method.moreFetches', { count: more, fetches: formatCount(more, lang) })}</li>` : null}</ul>`;
}

function sources(m: ReportModel): Safe {
  const { lang } = m;
  const list = m.method.sources;
  return html`<h3>${msg(lang, 'report.method.sourcesHeading')}</h3>
<p>${msg(lang, 'report.method.sourcesIntro', { period: m.period })}</p>
${list.length === 0 ? html`<p class="muted">${msg(lang, 'report.method.noSources')}</p>` : html`<table class="sources"><thead><tr><th>${msg(lang, 'report.col.source')}</th><th>${msg(lang, 'report.method.col.configuredAddress')}</th><th>${msg(lang, 'report.method.col.latestCollection')}</th></tr></thead>
<tbody>${list.map((s) => html`<tr data-source="${s.id}"><td>${s.id}<br><span class="muted">${s.kind}${s.enabled ? '' : msg(lang, 'report.method.sourceDisabled')}</span></td><td class="url">${cut(s.url, 120)}</td><td>${collectionCell(s, lang)}</td></tr>`)}</tbody></table>`}`;
}

function versions(m: ReportModel): Safe {
  const { lang } = m;
  const run = m.method.run;
  const v = (x: unknown) => (x === null || x === undefined || x === '' ? msg(lang, 'report.method.notRecorded') : String(x));
  const differs = run && run.configHash !== m.method.configHash;
  return html`<h3>${msg(lang, 'report.method.versionsHeading')}</h3>
<table class="versions"><tbody>
<tr><th>${msg(lang, 'report.method.version.toolReport')}</th><td>dvc-monitor ${m.method.toolVersion}</td></tr>
<tr><th>${msg(lang, 'report.method.version.configHashReport')}</th><td class="hash">${m.method.configHash}</td></tr>
<tr><th>${msg(lang, 'report.method.version.latestRun')}</th><td>${run ? html`#${run.runId} ${localTimeMarkup(run.finishedAt)}` : v(null)}</td></tr>
<tr><th>${msg(lang, 'report.method.version.toolRun')}</th><td>${v(run?.toolVersion)}</td></tr>
<tr><th>Node.js</th><td>${v(run?.nodeVersion)}</td></tr>
<tr><th>${msg(lang, 'report.method.version.configHash')}</th><td class="hash">${v(run?.configHash)}</td></tr>
<tr><th>${msg(lang, 'report.method.version.scoring')}</th><td>${v(run?.scoringVersion)}</td></tr>
<tr><th>axe-core</th><td>${v(run?.axeVersion)}</td></tr>
<tr><th>${msg(lang, 'report.method.version.trackerList')}</th><td>${v(run?.trackerListVersion)}</td></tr>
<tr><th>${msg(lang, 'report.method.version.browser')}</th><td>${v(run?.browserVersion)}</td></tr>
</tbody></table>
${differs ? html`<p class="bad config-differs">${msg(lang, 'report.method.configDiffers')}</p>` : null}
${m.method.checks.length === 0 ? null : html`<h4>${msg(lang, 'report.method.checkVersionsHeading')}</h4>
<div class="table-wrap" tabindex="0" role="region" aria-label="${msg(lang, 'report.method.checkVersionsLabel')}"><table class="check-versions"><thead><tr><th>${msg(lang, 'report.method.col.portalCheck')}</th><th>${msg(lang, 'report.method.col.finished')}</th><th>${msg(lang, 'report.method.col.tool')}</th><th>axe-core</th><th>${msg(lang, 'report.method.col.trackerLists')}</th><th>${msg(lang, 'report.method.version.browser')}</th><th>${msg(lang, 'report.method.col.criteria')}</th><th>${msg(lang, 'report.method.col.scoring')}</th></tr></thead>
<tbody>${m.method.checks.map((c) => html`<tr data-check-id="${c.checkId}"><td>${c.portalId} #${c.checkId}</td><td>${localTimeMarkup(c.finishedAt)}</td><td>${v(c.versions.tool)}</td><td>${v(c.versions.axe)}</td><td>${v(c.versions.trackerList)}</td><td>${v(c.versions.browser)}</td><td>${v(c.versions.criteria)}</td><td>${v(c.versions.scoring)}</td></tr>`)}</tbody></table></div>`}`;
}

export function methodAppendix(m: ReportModel): Safe {
  const { lang } = m;
  return html`<h2 id="phuong-phap">${msg(lang, 'report.method.heading')}</h2>
${formulas(m)}${scoring(m)}${sources(m)}${versions(m)}
<p class="muted">${msgHtml(lang, 'report.method.timesNote', {}, { time: localTimeMarkup(m.generatedAt) })}</p>`;
}
