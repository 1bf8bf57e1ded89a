// What `dvc-monitor check` prints: per area the score and each criterion's outcome, with the
// law in force on the measured date, the findings, and where their evidence is kept.
// Everything that came from the portal (URLs, texts) is printed as text, never interpreted.
import type { PortalCheck } from '../checks/checker.ts';
import { criterionById } from '../checks/criteria/index.ts';
import type { CriterionResult } from '../checks/judge.ts';
import { blockingFailures } from '../checks/score.ts';
import type { Area, Outcome, Severity } from '../checks/types.ts';
import { t as L, type Lang } from '../i18n.ts';
import type { SavedCheck } from '../../storage/checks.ts';

export const AREA_NAME: Record<Area, { vi: string; en: string }> = {
  privacy: { vi: 'Bảo vệ dữ liệu cá nhân', en: 'Personal data protection' },
  accessibility: { vi: 'Tiếp cận cho người khuyết tật', en: 'Accessibility for persons with disabilities' },
};

export const OUTCOME_NAME: Record<Outcome, { vi: string; en: string; mark: string }> = {
  pass: { vi: 'ĐẠT', en: 'PASS', mark: '✓' },
  fail: { vi: 'KHÔNG ĐẠT', en: 'FAIL', mark: '✗' },
  cant_tell: { vi: 'CẦN NGƯỜI KIỂM TRA', en: 'NEEDS REVIEW', mark: '?' },
  not_applicable: { vi: 'KHÔNG ÁP DỤNG', en: 'NOT APPLICABLE', mark: '–' },
  error: { vi: 'LỖI CÔNG CỤ (không tính)', en: 'SCANNER ERROR (not counted)', mark: '!' },
};

export const SEVERITY_NAME: Record<Severity, { vi: string; en: string }> = {
  critical: { vi: 'nghiêm trọng', en: 'critical' },
  serious: { vi: 'cao', en: 'serious' },
  moderate: { vi: 'trung bình', en: 'moderate' },
  minor: { vi: 'thấp', en: 'minor' },
};

const PAGE_KIND: Record<string, { vi: string; en: string }> = {
  home: { vi: 'trang chủ', en: 'home' },
  service: { vi: 'dịch vụ', en: 'service' },
  form: { vi: 'biểu mẫu', en: 'form' },
  statistics: { vi: 'thống kê', en: 'statistics' },
  privacy_policy: { vi: 'chính sách bảo mật', en: 'privacy policy' },
  accessibility_statement: { vi: 'tuyên bố tiếp cận', en: 'accessibility statement' },
  other: { vi: 'khác', en: 'other' },
};

/** Where a blob can be read: a file written with --evidence-dir, or its hash in the store. */
export type EvidenceLocator = (sha256: string) => string;

export const storeLocator: EvidenceLocator = (sha256) => `sha256:${sha256}`;

const number = (value: number, lang: Lang, digits = 1) =>
  new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);

function findingLines(r: CriterionResult, check: PortalCheck, saved: SavedCheck, locate: EvidenceLocator, lang: Lang, indent: string): string[] {
  return r.details.slice(0, 12).map((d) => {
    const visit = r.pageIndex === null ? null : saved.visits[r.pageIndex];
    const blob = d.evidence && visit ? visit.blobs[d.evidence.blob] : null;
    const where = blob ? L(lang, ` [bằng chứng: ${locate(blob)}${d.evidence?.path ? ` → ${d.evidence.path}` : ''}]`, ` [evidence: ${locate(blob)}${d.evidence?.path ? ` → ${d.evidence.path}` : ''}]`) : '';
    return `${indent}- ${d.text[lang]}${where}`;
  }).concat(r.details.length > 12 ? [`${indent}  … ${L(lang, `và ${r.details.length - 12} phát hiện khác`, `and ${r.details.length - 12} more findings`)}`] : []);
}

export function renderCheck(check: PortalCheck, saved: SavedCheck, lang: Lang, locate: EvidenceLocator = storeLocator): string {
  const v = check.versions;
  const [y, m, d] = check.measuredOn.split('-');
  const lines = [
    L(lang, 'KIỂM TRA BẢO VỆ DỮ LIỆU CÁ NHÂN VÀ TIẾP CẬN CHO NGƯỜI KHUYẾT TẬT', 'PERSONAL DATA PROTECTION AND ACCESSIBILITY CHECK'),
    `${L(lang, 'Cổng', 'Portal')}: ${check.target.portalId ?? L(lang, '(địa chỉ lẻ)', '(single address)')} — ${check.target.homeUrl}`,
    L(lang, `Ngày đo: ${d}/${m}/${y} (căn cứ pháp lý có hiệu lực vào ngày này). Lần kiểm tra #${saved.checkId}, chưa đồng ý cookie hay theo dõi nào.`,
      `Measured on ${check.measuredOn} (law in force on that date). Check #${saved.checkId}, with no consent given to anything.`),
    `${L(lang, 'Phiên bản', 'Versions')}: dvc-monitor ${v.tool} · axe-core ${v.axe} · ${v.trackerList} · ${v.browser} · ${v.criteria} · ${v.scoring}`,
    '',
    L(lang, 'Các trang đã mở:', 'Pages visited:'),
  ];
  check.visits.forEach((visit, i) => {
    const e = visit.evidence;
    const s = saved.visits[i]!;
    const state = e.error ? L(lang, `lỗi công cụ ${e.error.reason}: ${e.error.message}`, `scanner error ${e.error.reason}: ${e.error.message}`) : `HTTP ${e.document?.status}`;
    lines.push(`  [${i}] ${PAGE_KIND[e.kind]?.[lang] ?? e.kind}: ${e.requestedUrl} — ${state} (${number(e.durationMs / 1000, lang)} s)`);
    const reused = e.accessibilityReused;
    if (reused) {
      lines.push(`      ${L(lang,
        `trang không đổi: bằng chứng tiếp cận (axe, bàn phím, hiển thị, tương tác) dùng lại từ lần kiểm tra #${reused.checkId} (lượt mở trang #${reused.visitId}, ${reused.collectedAt}); bảo vệ dữ liệu cá nhân thu mới`,
        `page unchanged: accessibility evidence (axe, keyboard, presentation, interaction) reused from check #${reused.checkId} (visit #${reused.visitId}, ${reused.collectedAt}); privacy evidence collected afresh`)}`);
    }
    const blobs = [
      [L(lang, 'bằng chứng', 'evidence'), s.blobs.evidence], [L(lang, 'ảnh chụp', 'screenshot'), s.blobs.screenshot],
      ['axe', s.blobs.axe], ['DOM', s.blobs.dom],
    ].filter((b): b is [string, string] => Boolean(b[1]));
    for (const [name, sha] of blobs) lines.push(`      ${name}: ${locate(sha)}`);
    const third = (e.hosts ?? []).filter((h) => h.party === 'third');
    if (third.length) {
      const host = (h: (typeof third)[number]) => `${h.host}${h.entity ? ` (${h.entity})` : h.filterMatches ? L(lang, ' (danh sách lọc)', ' (filter list)') : ''}`;
      lines.push(`      ${L(lang, `bên thứ ba (${third.length})`, `third parties (${third.length})`)}: ${third.slice(0, 8).map(host).join(', ')}${third.length > 8 ? ', …' : ''}`);
    }
    if (e.beacons?.length) lines.push(`      ${L(lang, `tín hiệu gửi đi (beacon): ${e.beacons.length}, bên nhận ${[...new Set(e.beacons.map((b) => b.host))].join(', ')}`, `beacons: ${e.beacons.length}, to ${[...new Set(e.beacons.map((b) => b.host))].join(', ')}`)}`);
  });

  for (const area of check.areas) {
    const score = check.scores.find((s) => s.area === area)!;
    const c = score.counts;
    lines.push('', `${AREA_NAME[area][lang].toUpperCase()} — ${L(lang, 'điểm', 'score')} ${score.score === null ? L(lang, 'không tính được', 'n/a') : `${number(score.score, lang)}/100`} (${score.version}): ` +
      L(lang, `${c.pass} đạt, ${c.fail} không đạt, ${c.cant_tell} cần người kiểm tra, ${c.not_applicable} không áp dụng, ${c.error} lỗi công cụ`,
        `${c.pass} passed, ${c.fail} failed, ${c.cant_tell} need review, ${c.not_applicable} not applicable, ${c.error} scanner errors`));
    const portalResults = check.results.filter((r) => r.level === 'portal' && r.area === area);
    const order: Outcome[] = ['fail', 'error', 'cant_tell', 'pass', 'not_applicable'];
    portalResults.sort((a, b) => order.indexOf(a.outcome) - order.indexOf(b.outcome));
    for (const r of portalResults) {
      const criterion = criterionById(r.criterionId)!;
      const o = OUTCOME_NAME[r.outcome];
      lines.push(`  ${o.mark} ${o[lang]} [${SEVERITY_NAME[r.severity][lang]}] ${criterion.title[lang]} (${r.criterionId})`);
      if (r.outcome === 'pass' || r.outcome === 'not_applicable') continue;
      const basis = r.basis.map((b) => `${b.instrument}${b.article ? ` ${b.article}` : ''}${b.unverified ? L(lang, ' (chưa kiểm chứng)', ' (unverified)') : ''}`).join('; ');
      if (basis) lines.push(`      ${L(lang, 'Căn cứ', 'Basis')}: ${basis}`);
      if (criterion.scope === 'portal') {
        lines.push(...findingLines(r, check, saved, locate, lang, '      '));
        continue;
      }
      for (const page of check.results.filter((p) => p.level === 'page' && p.criterionId === r.criterionId && p.outcome === r.outcome)) {
        lines.push(`      ${L(lang, 'Trang', 'Page')} [${page.pageIndex}] ${page.pageUrl}`);
        lines.push(...findingLines(page, check, saved, locate, lang, '        '));
      }
    }
  }
  const blocking = blockingFailures(check.results);
  const homeFailed = check.visits[0]?.evidence.error;
  lines.push('', blocking.length
    ? L(lang, `Kết luận: ${blocking.length} tiêu chí mức nghiêm trọng hoặc cao không đạt: ${blocking.map((b) => b.criterionId).join(', ')}.`,
      `Verdict: ${blocking.length} critical or serious criteria failed: ${blocking.map((b) => b.criterionId).join(', ')}.`)
    : homeFailed
      ? L(lang, `Kết luận: không kiểm tra được trang chủ (${homeFailed.reason}); không có kết quả để dựa vào.`, `Verdict: the home page could not be checked (${homeFailed.reason}); there is no result to rely on.`)
      : L(lang, 'Kết luận: không có tiêu chí mức nghiêm trọng hoặc cao nào không đạt.', 'Verdict: no critical or serious criterion failed.'));
  if (locate === storeLocator) {
    lines.push(L(lang, 'Bằng chứng lưu trong kho theo mã SHA-256; lấy ra bằng `dvc-monitor evidence <sha256> --out <tệp>`, hoặc chạy lại với --evidence-dir <thư mục>.',
      'Evidence is kept in the store by SHA-256; get it out with `dvc-monitor evidence <sha256> --out <file>`, or run again with --evidence-dir <dir>.'));
  }
  return lines.join('\n');
}

/** One line per portal with its latest area scores, for the demo and summaries. */
export function renderLatestScores(rows: Array<{ portalId: string; areas: Array<{ area: Area; score: number | null; finishedAt: string }> }>, lang: Lang): string {
  if (!rows.length) return '';
  const lines = [L(lang, 'Điểm kiểm tra đầy đủ gần nhất của từng lĩnh vực (bảo vệ dữ liệu cá nhân / tiếp cận cho người khuyết tật), kèm ngày kiểm tra:', 'Latest complete check score per area (personal data protection / accessibility), with its date:')];
  for (const r of rows) {
    const score = (area: Area) => {
      const a = r.areas.find((x) => x.area === area);
      if (!a) return '—'.padStart(6);
      return `${(a.score === null ? '—' : number(a.score, lang)).padStart(6)} (${a.finishedAt.slice(0, 10)})`;
    };
    lines.push(`  ${r.portalId.padEnd(20)} ${score('privacy')} / ${score('accessibility')}`);
  }
  lines.push(L(lang, 'Chi tiết và bằng chứng: `dvc-monitor check <cổng>`.', 'Details and evidence: `dvc-monitor check <portal> --lang en`.'));
  return lines.join('\n');
}
