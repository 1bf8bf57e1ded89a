// How the sample is told to people (CLI, report, dashboard): how many pages of how many found
// were checked, how they were chosen, the seed that reproduces the random part, and why each
// page is in it.
import { t, type Lang } from '../../i18n.ts';
import type { SamplePage, SampleRole } from './plan.ts';

export interface SampleSummary {
  seed: number;
  pagesFound: number;
  templates: number;
  structured: number;
  random: number;
  leftOut: number;
  stoppedBy: string;
  /** Pages the check visited (the sample). */
  checked: number;
}

const ROLE_NAME: Record<SampleRole | 'random', { vi: string; en: string }> = {
  home: { vi: 'trang chủ', en: 'home page' },
  privacy_policy: { vi: 'chính sách bảo mật', en: 'privacy policy' },
  accessibility_statement: { vi: 'tuyên bố về khả năng tiếp cận', en: 'accessibility statement' },
  configured: { vi: 'trang chính được cấu hình', en: 'configured key page' },
  login: { vi: 'đăng nhập', en: 'login' },
  search: { vi: 'tìm kiếm', en: 'search' },
  statistics: { vi: 'thống kê', en: 'statistics' },
  form: { vi: 'biểu mẫu', en: 'form' },
  service: { vi: 'dịch vụ công', en: 'service' },
  template: { vi: 'khuôn mẫu trang', en: 'template' },
  random: { vi: 'chọn ngẫu nhiên', en: 'random' },
};

const STOPPED: Record<string, { vi: string; en: string }> = {
  complete: { vi: 'đã đi hết các liên kết', en: 'every link followed' },
  max_pages: { vi: 'dừng ở giới hạn số trang (maxPages)', en: 'stopped at the page limit (maxPages)' },
  deadline: { vi: 'dừng ở giới hạn thời gian (crawlTimeoutMs)', en: 'stopped at the time limit (crawlTimeoutMs)' },
  robots: { vi: 'robots.txt không cho thu thập trang chủ', en: 'robots.txt disallows the home page' },
  failed: { vi: 'không thu thập được', en: 'the crawl could not run' },
};

/** Why a page is in the sample: "dịch vụ công (/dich-vu-cong/ho-tich), khuôn mẫu trang T4". */
export function reasonsText(reasons: SamplePage['reasons'], lang: Lang): string {
  return reasons.map((r) => `${ROLE_NAME[r.role]?.[lang] ?? r.role}${r.detail ? ` ${r.role === 'form' ? t(lang, '(khuôn mẫu ', '(template ') : '('}${r.detail})` : ''}`).join(', ');
}

/** "Mẫu trang: đã kiểm tra 30 trong 512 trang tìm thấy …" */
export function sampleSummaryText(s: SampleSummary, lang: Lang): string {
  const stopped = STOPPED[s.stoppedBy]?.[lang] ?? s.stoppedBy;
  const left = s.leftOut ? t(lang, `; ${s.leftOut} trang theo cấu trúc bị bỏ do giới hạn maxChecked`, `; ${s.leftOut} structured pages left out by maxChecked`) : '';
  return t(lang,
    `Mẫu trang (WCAG-EM): đã kiểm tra ${s.checked} trong ${s.pagesFound} trang tìm thấy (${s.templates} khuôn mẫu trang): ${s.structured} theo cấu trúc, ${s.random} ngẫu nhiên với hạt giống ${s.seed}${left}. Thu thập: ${stopped}.`,
    `Page sample (WCAG-EM): ${s.checked} of ${s.pagesFound} pages found checked (${s.templates} templates): ${s.structured} structured, ${s.random} random with seed ${s.seed}${left}. Crawl: ${stopped}.`);
}
