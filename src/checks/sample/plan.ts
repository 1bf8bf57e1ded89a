// The sample a portal's check visits, from its crawl (W3C WCAG-EM 2.0 step 3): a structured
// sample (the home page; the privacy policy and accessibility statement; the configured key
// pages; the login, search and statistics pages; a page per kind of application form; a service
// page per service type; then a page of every template not yet in it) and a random sample of the
// other pages found, a share of the structured one (10% by default, at least 3), drawn with a
// recorded seed. The same crawl, settings and seed always give the same sample. maxChecked trims
// the structured sample by role (the random one keeps its share), but never the home page, the
// policy, the statement or the configured pages: a check without a sample visits them too.
import { findPolicyLink, findStatementLink, POLICY_WORDS, STATEMENT_WORDS, type Link } from '../evidence/discover.ts';
import type { Area, PageKind } from '../types.ts';
import type { CrawledPage, CrawlRecord } from './crawl.ts';
import { drawWithSeed } from './random.ts';
import { foldersOf, hasApplicationForm, hasLoginForm, hasSearchForm, isLoginPage, isSearchPage, isStatisticsPage, serviceTypeOf } from './roles.ts';
import type { SampleSettings } from './settings.ts';

/** The structured sample's roles, in the order they are kept when maxChecked trims it. */
export const ROLE_ORDER = ['home', 'privacy_policy', 'accessibility_statement', 'configured', 'login', 'search', 'statistics', 'form', 'service', 'template'] as const;
export type SampleRole = (typeof ROLE_ORDER)[number];
/** Checked whatever maxChecked says, as a check without a sample checks them: the portal criteria (policy, statement) need them. */
const ALWAYS_CHECKED: ReadonlySet<string> = new Set(['home', 'privacy_policy', 'accessibility_statement', 'configured']);

export interface SamplePage {
  url: string;
  kind: PageKind;
  selection: 'structured' | 'random';
  /** Why it is in the sample: its roles (`service` with the type, `template` with its id), or `random`. */
  reasons: Array<{ role: SampleRole | 'random'; detail?: string }>;
  /** The template of the page in the crawl, null for a page the crawl did not fetch (a configured page, a policy elsewhere). */
  template: string | null;
  depth: number | null;
}

export interface SamplePlan {
  seed: number;
  pagesFound: number;
  templates: number;
  /** Home first, then the structured sample by role, then the random sample in draw order. */
  pages: SamplePage[];
  structured: number;
  random: number;
  /** Structured pages left out because of maxChecked (the lowest roles first). */
  leftOut: SamplePage[];
  crawl: CrawlRecord;
  /** Crawl and planning, ms (not part of the sample: it varies from run to run). */
  planMs: number;
}

export interface PlanInput {
  crawl: CrawlRecord;
  /** The home page as the check visits it. */
  homeUrl: string;
  /** The home page's links as the browser rendered them (the policy and the statement are found there first). */
  homeLinks: readonly Link[];
  configured: ReadonlyArray<{ kind: PageKind; url: string }>;
  areas: readonly Area[];
  settings: Pick<SampleSettings, 'maxChecked' | 'random' | 'minRandom'>;
  seed: number;
}

const says = (page: CrawledPage, words: RegExp) => words.test(decodeURIComponent(new URL(page.url).pathname)) || words.test(page.title) || words.test(page.h1);

/** The number of random pages for a structured sample of n pages. */
export const randomCount = (n: number, settings: Pick<SampleSettings, 'random' | 'minRandom'>, available: number) =>
  Math.min(available, Math.max(settings.minRandom, Math.ceil(settings.random * n)));

export function planSample(input: PlanInput): Omit<SamplePlan, 'planMs'> {
  const { crawl, settings } = input;
  const pages = crawl.pages; // in the fixed order (depth, address)
  const byUrl = new Map(pages.map((p) => [p.url, p]));
  const folders = foldersOf(pages.map((p) => p.url));
  const serviceType = new Map(pages.map((p) => [p.url, serviceTypeOf(p.url, folders)]));
  const kindOf = (p: CrawledPage | undefined): PageKind => {
    if (!p) return 'other';
    if (isStatisticsPage(p)) return 'statistics';
    if (serviceType.get(p.url)) return 'service';
    if (hasApplicationForm(p)) return 'form';
    return 'other';
  };

  const structured = new Map<string, SamplePage>();
  const add = (url: string, role: SampleRole, kind: PageKind, detail?: string) => {
    const known = structured.get(url);
    const reason = detail === undefined ? { role } : { role, detail };
    if (known) {
      known.reasons.push(reason);
      return;
    }
    const p = byUrl.get(url);
    structured.set(url, { url, kind, selection: 'structured', reasons: [reason], template: p?.template ?? null, depth: p?.depth ?? null });
  };
  const first = (test: (p: CrawledPage) => boolean) => pages.find(test);

  // The home page as visited; the crawl's first page is the same page (maybe after a redirect).
  const crawledHome = byUrl.get(crawl.start);
  structured.set(input.homeUrl, { url: input.homeUrl, kind: 'home', selection: 'structured', reasons: [{ role: 'home' }], template: crawledHome?.template ?? null, depth: 0 });
  const taken = (url: string) => structured.has(url) || url === crawl.start;

  const linked = (found: Link | null) => (found ? found.href.split('#')[0]! : null);
  if (input.areas.includes('privacy')) {
    const url = linked(findPolicyLink([...input.homeLinks])) ?? first((p) => says(p, POLICY_WORDS))?.url;
    if (url && !taken(url)) add(url, 'privacy_policy', 'privacy_policy');
  }
  if (input.areas.includes('accessibility')) {
    const url = linked(findStatementLink([...input.homeLinks])) ?? first((p) => says(p, STATEMENT_WORDS))?.url;
    if (url && !taken(url)) add(url, 'accessibility_statement', 'accessibility_statement');
  }
  const login = first((p) => p.url !== crawl.start && hasLoginForm(p)) ?? first((p) => p.url !== crawl.start && isLoginPage(p));
  if (login && !taken(login.url)) add(login.url, 'login', kindOf(login));
  const search = first((p) => p.url !== crawl.start && isSearchPage(p) && hasSearchForm(p)) ?? first((p) => p.url !== crawl.start && isSearchPage(p));
  if (search && !taken(search.url)) add(search.url, 'search', kindOf(search));
  const statistics = first((p) => p.url !== crawl.start && isStatisticsPage(p));
  if (statistics && !taken(statistics.url)) add(statistics.url, 'statistics', 'statistics');
  for (const c of input.configured) if (!taken(c.url)) add(c.url, 'configured', c.kind);

  // A page per template of application form, a page per service type, then every template left.
  const formTemplates = new Set<string>();
  for (const p of pages) {
    if (!hasApplicationForm(p) || formTemplates.has(p.template) || p.url === crawl.start) continue;
    formTemplates.add(p.template);
    if (!taken(p.url)) add(p.url, 'form', 'form', p.template);
  }
  const types = new Set<string>();
  for (const p of pages) {
    const type = serviceType.get(p.url);
    if (!type || types.has(type)) continue;
    types.add(type);
    if (!taken(p.url)) add(p.url, 'service', 'service', type);
  }
  const covered = new Set([...structured.values()].map((s) => s.template).filter((t): t is string => t !== null));
  for (const t of crawl.templates) {
    if (covered.has(t.id)) continue;
    covered.add(t.id);
    const page = byUrl.get(t.example)!;
    add(page.url, 'template', kindOf(page), t.id);
  }

  // Trimmed to maxChecked by role priority, keeping room for the random sample.
  const all = [...structured.values()].sort((a, b) => ROLE_ORDER.indexOf(a.reasons[0]!.role as SampleRole) - ROLE_ORDER.indexOf(b.reasons[0]!.role as SampleRole));
  const pool = (kept: number) => {
    const inSample = new Set(all.slice(0, kept).map((s) => s.url));
    return pages.filter((p) => !inSample.has(p.url) && p.url !== crawl.start);
  };
  const always = all.filter((p) => ALWAYS_CHECKED.has(p.reasons[0]!.role)).length;
  let n = all.length;
  while (n > always && n + randomCount(n, settings, pool(n).length) > settings.maxChecked) n--;
  n = Math.max(always, Math.min(n, settings.maxChecked));
  const chosen = all.slice(0, n);
  const candidates = pool(n).map((p) => p.url).sort();
  const drawn = drawWithSeed(candidates, Math.min(randomCount(n, settings, candidates.length), Math.max(0, settings.maxChecked - n)), input.seed);
  const random = drawn.map((url): SamplePage => {
    const p = byUrl.get(url)!;
    return { url, kind: kindOf(p), selection: 'random', reasons: [{ role: 'random' }], template: p.template, depth: p.depth };
  });
  return {
    seed: input.seed, pagesFound: pages.length, templates: crawl.templates.length,
    pages: [...chosen, ...random], structured: chosen.length, random: random.length, leftOut: all.slice(n), crawl,
  };
}
