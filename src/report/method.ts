// The report's method appendix: every KPI formula in words (the users' terms, DOMAIN.md) and in
// symbols, the scoring weights and the criteria and scoring versions, the data sources with their
// addresses and when each was last collected for the month, and the versions of the tool,
// axe-core, the tracker lists and the browser, with the configuration hash.
import { SEVERITY_NAME } from '../cli/render-check.ts';
import { formatCount, formatPercent, t, type Lang } from '../i18n.ts';
import type { KpiDefinition } from '../kpi/definitions.ts';
import { SEVERITIES } from '../checks/types.ts';
import { html, type Safe } from './html.ts';
import { localTimeMarkup, localTimeText } from './local-time.ts';
import type { MethodSource, ReportModel } from './model.ts';
import { cut } from './privacy-tables.ts';

/** The counts the KPIs read, in the users' own terms (DOMAIN.md). */
export const METRIC_TERMS: Record<string, { vi: string; en: string }> = {
  'procedures.total': { vi: 'số TTHC thuộc thẩm quyền', en: 'administrative procedures in the agency\'s remit' },
  'services.online_full': { vi: 'số DVCTT toàn trình', en: 'fully online services' },
  'services.online_partial': { vi: 'số DVCTT một phần', en: 'partly online services' },
  'services.with_online_filings': { vi: 'số DVCTT có phát sinh hồ sơ trực tuyến', en: 'online services that received at least one online dossier' },
  'dossiers.received': { vi: 'số hồ sơ tiếp nhận (mọi kênh)', en: 'dossiers received (all channels)' },
  'dossiers.received_online': { vi: 'số hồ sơ tiếp nhận trực tuyến', en: 'dossiers filed online' },
  'dossiers.received_direct': { vi: 'số hồ sơ tiếp nhận trực tiếp', en: 'dossiers filed in person' },
  'dossiers.received_post': { vi: 'số hồ sơ tiếp nhận qua bưu chính', en: 'dossiers filed by post' },
  'dossiers.synced': { vi: 'số hồ sơ đồng bộ lên Cổng DVCQG', en: 'dossiers synchronised to the national portal' },
  'dossiers.resolved_on_time': { vi: 'số hồ sơ giải quyết đúng hạn', en: 'dossiers processed on time' },
  'dossiers.resolved_late': { vi: 'số hồ sơ giải quyết quá hạn', en: 'dossiers processed late' },
  'dossiers.digitised': { vi: 'số hồ sơ được số hóa', en: 'dossiers digitised' },
  'dossiers.reusing_data': { vi: 'số hồ sơ tái sử dụng dữ liệu số hóa', en: 'dossiers reusing digitised data' },
};

const term = (metric: string, lang: Lang) => METRIC_TERMS[metric]?.[lang] ?? metric;
const sum = (parts: readonly string[], f: (m: string) => string) => (parts.length > 1 ? `(${parts.map(f).join(' + ')})` : f(parts[0]!));

/** "Tỷ lệ hồ sơ trực tuyến = số hồ sơ tiếp nhận trực tuyến ÷ số hồ sơ tiếp nhận (mọi kênh) × 100%". */
export function formulaInWords(k: KpiDefinition, lang: Lang): string {
  return `${k.title[lang]} = ${sum(k.numerator, (m) => term(m, lang))} ÷ ${sum(k.denominator, (m) => term(m, lang))} × 100%`;
}

/** "T = N ÷ M × 100%; N = services.with_online_filings; M = services.online_full + services.online_partial". */
export function formulaInSymbols(k: KpiDefinition, lang: Lang): string {
  return t(lang, `T = N ÷ M × 100%; N = ${k.numerator.join(' + ')}; M = ${k.denominator.join(' + ')}`,
    `R = N ÷ D × 100%; N = ${k.numerator.join(' + ')}; D = ${k.denominator.join(' + ')}`);
}

function formulas(m: ReportModel): Safe {
  const { lang } = m;
  return html`<h3>${t(lang, 'Công thức các chỉ số', 'KPI formulas')}</h3>
<p>${t(lang, 'Mỗi chỉ số là tỷ lệ của các số đếm cộng lại trong kỳ (tháng, theo giờ Việt Nam): của một cơ quan, của tỉnh sau sáp nhập (cộng từ các tỉnh cũ), của khối hoặc của cả nước. Thiếu một số đếm thì chỉ số để trống, không bao giờ tính bằng 0. Số liệu bị cách ly không được cộng.',
    'Each KPI is a ratio of counts summed over the period (a month, in Vietnam time): of one agency, of a merged province (summed from the former ones), of a block or of the country. A missing count leaves the KPI empty, never 0. Quarantined values are not summed.')}</p>
<table class="formulas"><thead><tr><th>${t(lang, 'Chỉ số', 'KPI')}</th><th>${t(lang, 'Công thức (bằng lời)', 'Formula (in words)')}</th><th>${t(lang, 'Ký hiệu (mã số liệu)', 'In symbols (metric codes)')}</th><th class="num">${t(lang, 'Chỉ tiêu mặc định', 'Default target')}</th></tr></thead>
<tbody>${m.method.kpis.map((k) => html`<tr data-kpi="${k.id}"><td>${k.title[lang]}<br><span class="muted">${k.id}</span></td><td class="in-words">${formulaInWords(k, lang)}</td><td class="in-symbols"><code>${formulaInSymbols(k, lang)}</code></td><td class="num">${k.defaultTarget === null ? '—' : formatPercent(k.defaultTarget, lang)}</td></tr>`)}</tbody></table>
<p>${t(lang, 'Tỷ lệ sẵn sàng', 'Availability')}: ${m.method.availabilityFormula}</p>`;
}

function scoring(m: ReportModel): Safe {
  const { lang } = m;
  const { version, weights } = m.method.scoring;
  return html`<h3>${t(lang, 'Cách chấm điểm bảo vệ dữ liệu cá nhân và tiếp cận', 'How privacy and accessibility are scored')}</h3>
<p class="scoring-formula">${t(lang,
    `Điểm của một lĩnh vực (${version}) = 100 × Σ trọng số các tiêu chí đạt ÷ Σ trọng số các tiêu chí đạt hoặc không đạt. Tiêu chí "cần người kiểm tra", "không áp dụng" và tiêu chí khuyến nghị không tính vào cả tử số lẫn mẫu số. Khi công cụ không đánh giá được một tiêu chí (lỗi công cụ), lĩnh vực không có điểm: điểm trên một phần tiêu chí sẽ bị đọc như điểm của cả cổng.`,
    `An area's score (${version}) = 100 × Σ weights of the criteria passed ÷ Σ weights of the criteria passed or failed. "Needs review", "not applicable" and advisory criteria count in neither sum. When the scanner could not judge a criterion (scanner error), the area has no score: a figure over part of the criteria would read as the portal's whole score.`)}</p>
<table class="weights"><thead><tr><th>${t(lang, 'Mức độ', 'Severity')}</th><th class="num">${t(lang, 'Trọng số', 'Weight')}</th></tr></thead>
<tbody>${SEVERITIES.map((s) => html`<tr data-severity="${s}"><td>${SEVERITY_NAME[s][lang]}${SEVERITY_NAME[s][lang] === s ? null : html` <span class="muted">(${s})</span>`}</td><td class="num">${weights[s]}</td></tr>`)}</tbody></table>
<p>${t(lang, 'Phiên bản danh mục tiêu chí của công cụ', 'Criteria catalogue version of the tool')}: <code>${m.method.criteriaVersion}</code> · ${t(lang, 'phiên bản chấm điểm', 'scoring version')}: <code>${version}</code>. ${t(lang, 'Mỗi lần kiểm tra ghi lại phiên bản nó đã dùng (bảng phiên bản bên dưới).', 'Each check records the versions it used (versions table below).')}</p>`;
}

function collectionCell(s: MethodSource, lang: Lang): Safe {
  const c = s.collection;
  if (!c) return html`<span class="muted">${t(lang, 'không có lần thu thập thành công nào số liệu của kỳ này', 'no successful collection of this month\'s figures')}</span>`;
  const more = c.fetchCount - c.fetches.length;
  return html`${localTimeMarkup(c.finishedAt)} <span class="muted">(${t(lang, 'lần chạy', 'run')} #${c.runId}, ${t(lang, 'việc', 'job')} #${c.jobId})</span>
<ul class="fetches">${c.fetches.map((f) => html`<li>${f.method} ${cut(f.url, 120)} → HTTP ${f.status}, ${localTimeText(f.fetchedAt)} <span class="muted hash">sha256:${f.sha256}</span></li>`)}${more > 0 ? html`<li class="muted">${t(lang, `… và ${formatCount(more, lang)} lần tải khác (xem gói --bundle, thư mục payloads/)`, `… and ${formatCount(more, lang)} more fetches (see the --bundle, folder payloads/)`)}</li>` : null}</ul>`;
}

function sources(m: ReportModel): Safe {
  const { lang } = m;
  const list = m.method.sources;
  return html`<h3>${t(lang, 'Nguồn số liệu', 'Data sources')}</h3>
<p>${t(lang, `Các nguồn trong cấu hình và lần thu thập thành công gần nhất số liệu kỳ ${m.period} của từng nguồn (giờ Việt Nam), với địa chỉ đã tải và mã băm của dữ liệu nhận về (bằng chứng lưu trong kho).`,
    `The configured sources and, for each, its latest successful collection of the ${m.period} figures (Vietnam time), with the addresses fetched and the hash of what came back (evidence kept in the store).`)}</p>
${list.length === 0 ? html`<p class="muted">${t(lang, 'Chưa cấu hình nguồn nào.', 'No source configured.')}</p>` : html`<table class="sources"><thead><tr><th>${t(lang, 'Nguồn', 'Source')}</th><th>${t(lang, 'Địa chỉ cấu hình', 'Configured address')}</th><th>${t(lang, 'Lần thu thập thành công gần nhất', 'Latest successful collection')}</th></tr></thead>
<tbody>${list.map((s) => html`<tr data-source="${s.id}"><td>${s.id}<br><span class="muted">${s.kind}${s.enabled ? '' : t(lang, ', đang tắt', ', disabled')}</span></td><td class="url">${cut(s.url, 120)}</td><td>${collectionCell(s, lang)}</td></tr>`)}</tbody></table>`}`;
}

function versions(m: ReportModel): Safe {
  const { lang } = m;
  const run = m.method.run;
  const v = (x: unknown) => (x === null || x === undefined || x === '' ? t(lang, 'không ghi nhận', 'not recorded') : String(x));
  const differs = run && run.configHash !== m.method.configHash;
  return html`<h3>${t(lang, 'Phiên bản', 'Versions')}</h3>
<table class="versions"><tbody>
<tr><th>${t(lang, 'Công cụ (báo cáo)', 'Tool (report)')}</th><td>dvc-monitor ${m.method.toolVersion}</td></tr>
<tr><th>${t(lang, 'Mã băm cấu hình (báo cáo)', 'Configuration hash (report)')}</th><td class="hash">${m.method.configHash}</td></tr>
<tr><th>${t(lang, 'Lần chạy gần nhất', 'Latest run')}</th><td>${run ? html`#${run.runId} ${localTimeMarkup(run.finishedAt)}` : v(null)}</td></tr>
<tr><th>${t(lang, 'Công cụ (lần chạy)', 'Tool (run)')}</th><td>${v(run?.toolVersion)}</td></tr>
<tr><th>Node.js</th><td>${v(run?.nodeVersion)}</td></tr>
<tr><th>${t(lang, 'Mã băm cấu hình', 'Configuration hash')}</th><td class="hash">${v(run?.configHash)}</td></tr>
<tr><th>${t(lang, 'Phiên bản chấm điểm', 'Scoring version')}</th><td>${v(run?.scoringVersion)}</td></tr>
<tr><th>axe-core</th><td>${v(run?.axeVersion)}</td></tr>
<tr><th>${t(lang, 'Danh sách trình theo dõi', 'Tracker list')}</th><td>${v(run?.trackerListVersion)}</td></tr>
<tr><th>${t(lang, 'Trình duyệt', 'Browser')}</th><td>${v(run?.browserVersion)}</td></tr>
</tbody></table>
${differs ? html`<p class="bad config-differs">${t(lang, 'Cấu hình đã thay đổi sau lần chạy gần nhất: mã băm của cấu hình dùng để lập báo cáo khác mã băm lần chạy đã ghi.', 'The configuration changed after the latest run: the hash of the configuration the report was made with differs from the one the run recorded.')}</p>` : null}
${m.method.checks.length === 0 ? null : html`<h4>${t(lang, 'Phiên bản của từng lần kiểm tra trong báo cáo', 'Versions of each check in the report')}</h4>
<div class="table-wrap" tabindex="0" role="region" aria-label="${t(lang, 'Phiên bản của từng lần kiểm tra', 'Versions of each check')}"><table class="check-versions"><thead><tr><th>${t(lang, 'Cổng, lần kiểm tra', 'Portal, check')}</th><th>${t(lang, 'Kết thúc', 'Finished')}</th><th>${t(lang, 'Công cụ', 'Tool')}</th><th>axe-core</th><th>${t(lang, 'Danh sách trình theo dõi', 'Tracker lists')}</th><th>${t(lang, 'Trình duyệt', 'Browser')}</th><th>${t(lang, 'Tiêu chí', 'Criteria')}</th><th>${t(lang, 'Chấm điểm', 'Scoring')}</th></tr></thead>
<tbody>${m.method.checks.map((c) => html`<tr data-check-id="${c.checkId}"><td>${c.portalId} #${c.checkId}</td><td>${localTimeMarkup(c.finishedAt)}</td><td>${v(c.versions.tool)}</td><td>${v(c.versions.axe)}</td><td>${v(c.versions.trackerList)}</td><td>${v(c.versions.browser)}</td><td>${v(c.versions.criteria)}</td><td>${v(c.versions.scoring)}</td></tr>`)}</tbody></table></div>`}`;
}

export function methodAppendix(m: ReportModel): Safe {
  const { lang } = m;
  return html`<h2 id="phuong-phap">${t(lang, 'Phụ lục: phương pháp', 'Appendix: method')}</h2>
${formulas(m)}${scoring(m)}${sources(m)}${versions(m)}
<p class="muted">${t(lang, 'Thời gian được lưu theo UTC và hiển thị theo giờ Việt Nam (Asia/Ho_Chi_Minh, UTC+7); kỳ báo cáo tính theo giờ Việt Nam. Lập lúc', 'Times are stored in UTC and shown in Vietnam time (Asia/Ho_Chi_Minh, UTC+7); periods follow Vietnam time. Generated at')} ${localTimeMarkup(m.generatedAt)}.</p>`;
}
