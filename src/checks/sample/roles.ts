// What a crawled page is, for the structured sample (W3C WCAG-EM step 3.a–c: common pages,
// essential functionality, the variety of page types): the login page (a password field), the
// search page (a search form), the statistics page, service pages and their type, pages with an
// application form, by the words Vietnamese portals use in addresses, titles and headings.
import type { FormFacts } from './page-reader.ts';

export const LOGIN_WORDS = /đăng nhập|dang-?nhap|\blog-?in\b|sign-?in|\bsso\b/i;
export const SEARCH_WORDS = /tìm kiếm|tim-?kiem|tra cứu|tra-?cuu|\bsearch\b/i;
export const STATISTICS_WORDS = /thống kê|thong-?ke|tình hình (tiếp nhận|xử lý|giải quyết)|tinh-hinh-(tiep-nhan|xu-ly|giai-quyet)|số liệu|so-lieu|statistic/i;
/** Path segments under which portals list their services (thủ tục hành chính, dịch vụ công). */
export const SERVICE_SEGMENT = /^(thu-?tuc(-hanh-chinh)?|tthc|dich-?vu-?cong(-truc-tuyen)?|dvc(tt)?|dich-?vu|procedures?|services?)$/i;
/** Links that would end a session: never followed. */
export const LOGOUT_WORDS = /đăng xuất|dang-?xuat|log-?out|sign-?out|signout/i;

export interface RoleFacts {
  url: string;
  title: string;
  h1: string;
  forms: FormFacts[];
}

const pathOf = (url: string) => {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return new URL(url).pathname;
  }
};

const says = (page: RoleFacts, words: RegExp) => words.test(pathOf(page.url)) || words.test(page.title) || words.test(page.h1);

export const hasLoginForm = (page: RoleFacts) => page.forms.some((f) => f.password);
export const isLoginPage = (page: RoleFacts) => hasLoginForm(page) || says(page, LOGIN_WORDS);
export const hasSearchForm = (page: RoleFacts) => page.forms.some((f) => f.search);
export const isSearchPage = (page: RoleFacts) => says(page, SEARCH_WORDS) && (hasSearchForm(page) || !page.forms.length);
export const isStatisticsPage = (page: RoleFacts) => says(page, STATISTICS_WORDS);
/** A form a person fills in (an application, a contact form): neither a search nor a login form. */
export const hasApplicationForm = (page: RoleFacts) => page.forms.some((f) => !f.search && !f.password && (f.fields >= 2 || (f.method === 'post' && f.fields >= 1)));

/**
 * A service page and its type, or null: an address with a service segment and something after it
 * that is no folder of other pages found (those list services). The type is the folder it is in:
 * `/dich-vu-cong/ho-tich/dang-ky-khai-sinh` is of type `/dich-vu-cong/ho-tich` (the field, lĩnh vực).
 */
export function serviceTypeOf(url: string, folders: ReadonlySet<string>): string | null {
  const u = new URL(url);
  const segments = u.pathname.split('/').filter(Boolean);
  const at = segments.findIndex((s) => SERVICE_SEGMENT.test(decodeURIComponent(s)));
  if (at < 0) return null;
  if (segments.length <= at + 1) return null; // the list of services itself
  const path = `/${segments.join('/')}`;
  if (folders.has(path)) return null; // a folder of other pages: a list
  return `/${segments.slice(0, -1).join('/')}`;
}

/** Every folder that holds another page found (`/a/b` holds `/a/b/c`), to tell lists from leaves. */
export function foldersOf(urls: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const url of urls) {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    for (let i = 1; i < segments.length; i++) folders.add(`/${segments.slice(0, i).join('/')}`);
  }
  return folders;
}
