// Checks portals: one browser for many portals, pages visited a few at a time (each in a fresh
// context), the home page first (its links lead to the privacy policy and the accessibility
// statement), then the configured key pages and the pages found. A browser that dies is
// relaunched for the next page; the page it was on ends as a scanner error.
import pLimit, { type LimitFunction } from 'p-limit';
import type { Browser } from 'playwright-core';
import { browserVersion, findChromium, launchBrowser } from '../browser/launch.ts';
import type { ChecksConfig, PortalConfig } from '../config/schema.ts';
import { localDate } from '../time/period.ts';
import { TOOL_VERSION } from '../version.ts';
import { CRITERIA_VERSION } from './criteria/index.ts';
import { AXE_VERSION } from './evidence/axe.ts';
import { consentVisits } from './evidence/consent/visit.ts';
import { findPolicyLink, findStatementLink } from './evidence/discover.ts';
import { filterListFor, type FilterList } from './evidence/filter-list.ts';
import { siteOf, trackerListsVersion } from './evidence/third-parties.ts';
import { visitPage, type VisitOptions, type VisitResult } from './evidence/visit.ts';
import { judgePortal, type CriterionResult } from './judge.ts';
import { scoreArea, SCORING_VERSION, type AreaScore } from './score.ts';
import type { Area, PageKind, Versions } from './types.ts';

export type CheckSettings = Omit<ChecksConfig, 'enabled'>;

export const DEFAULT_CHECK_SETTINGS: CheckSettings = {
  areas: ['privacy', 'accessibility'], concurrency: 3, pageTimeoutMs: 30_000, maxPageBytes: 20 * 1024 * 1024,
  keyboardSample: 40, screenshotMaxHeight: 10_000, trustedCertificateSpki: [], filterList: 'data/trackers/filter-list.txt', publicAddresses: [], maxPageMemoryMb: 1024,
};

export interface CheckTarget {
  /** null for an address checked on its own (`dvc-monitor check https://…`). */
  portalId: string | null;
  homeUrl: string;
  pages: Array<{ kind: PageKind; url: string }>;
}

export interface PortalCheck {
  target: CheckTarget;
  areas: Area[];
  startedAt: Date;
  finishedAt: Date;
  /** Local date (Asia/Ho_Chi_Minh) the law is cited for. */
  measuredOn: string;
  visits: VisitResult[];
  results: CriterionResult[];
  scores: AreaScore[];
  versions: Versions;
}

/** The pages a portal's check visits, from its configuration. */
export function targetOfPortal(portal: Pick<PortalConfig, 'id' | 'url' | 'pages' | 'checkUrl'>): CheckTarget {
  const home = portal.checkUrl ?? portal.url;
  const rebase = (url: string) => {
    if (!portal.checkUrl) return url;
    const from = new URL(portal.url);
    const page = new URL(url);
    if (page.origin !== from.origin) return url;
    const to = new URL(portal.checkUrl);
    return `${to.origin}${page.pathname}${page.search}`;
  };
  return { portalId: portal.id, homeUrl: home, pages: portal.pages.map((p) => ({ kind: p.kind, url: rebase(p.url) })) };
}

export function browserArgs(settings: Pick<CheckSettings, 'hostResolverRules' | 'trustedCertificateSpki' | 'publicAddresses' | 'maxPageMemoryMb'>): string[] {
  return [
    ...(settings.hostResolverRules ? [`--host-resolver-rules=${settings.hostResolverRules}`] : []),
    ...(settings.trustedCertificateSpki.length ? [`--ignore-certificate-errors-spki-list=${settings.trustedCertificateSpki.join(',')}`] : []),
    // Local Network Access then holds the sandbox's pages as it holds real portals' (local-network.ts).
    ...(settings.publicAddresses.length ? [`--ip-address-space-overrides=${settings.publicAddresses.map((a) => `${a}=public`).join(',')}`] : []),
    // The renderer's own heap cap, the backstop of the visit's memory watch (memory.ts).
    `--js-flags=--max-old-space-size=${settings.maxPageMemoryMb}`,
  ];
}

export class Checker {
  private browser: Browser | null = null;
  private launching: Promise<Browser> | null = null;
  private readonly limit: LimitFunction;
  readonly versions: Versions;

  constructor(readonly settings: CheckSettings, executablePath = findChromium()) {
    this.limit = pLimit(settings.concurrency);
    this.executablePath = executablePath;
    this.versions = {
      tool: TOOL_VERSION, axe: AXE_VERSION, trackerList: trackerListsVersion(settings.filterList), browser: browserVersion(executablePath),
      criteria: CRITERIA_VERSION, scoring: SCORING_VERSION,
    };
  }

  private readonly executablePath: string;
  /** The tracker filter list, parsed at the first visit and shared by all of them. */
  private filterList: Promise<FilterList> | null = null;

  private async liveBrowser(): Promise<Browser> {
    if (this.browser?.isConnected()) return this.browser;
    this.launching ??= launchBrowser({ executablePath: this.executablePath, args: browserArgs(this.settings) }).then((b) => {
      this.browser = b;
      this.launching = null;
      return b;
    }, (err: unknown) => {
      this.launching = null;
      throw err;
    });
    return this.launching;
  }

  /** Visits one address; a browser that cannot even start is a scanner error of this page. */
  visit(url: string, kind: PageKind, firstPartySite: string, areas: readonly Area[], extra: Pick<VisitOptions, 'phases' | 'viewport'> = {}): Promise<VisitResult> {
    return this.limit(async () => {
      const browser = await this.liveBrowser();
      return visitPage(browser, url, {
        kind, firstPartySite, areas, pageTimeoutMs: this.settings.pageTimeoutMs, maxPageBytes: this.settings.maxPageBytes,
        keyboardSample: this.settings.keyboardSample, screenshotMaxHeight: this.settings.screenshotMaxHeight, probeHttp: kind === 'home',
        publicAddresses: this.settings.publicAddresses, maxPageMemoryMb: this.settings.maxPageMemoryMb,
        filterList: await (this.filterList ??= filterListFor(this.settings.filterList)), ...extra,
      });
    });
  }

  /** The home page visited refusing, then accepting, through its consent banner (privacy). */
  consent(url: string, firstPartySite: string): Promise<NonNullable<VisitResult['evidence']['consent']>> {
    return this.limit(async () => consentVisits(await this.liveBrowser(), url, {
      firstPartySite, pageTimeoutMs: this.settings.pageTimeoutMs, maxPageBytes: this.settings.maxPageBytes, publicAddresses: this.settings.publicAddresses,
      filterList: await (this.filterList ??= filterListFor(this.settings.filterList)),
    }));
  }

  async checkPortal(target: CheckTarget, options: { areas?: readonly Area[]; now?: () => Date; viewport?: VisitOptions['viewport'] } = {}): Promise<PortalCheck> {
    const now = options.now ?? (() => new Date());
    const areas = [...(options.areas ?? this.settings.areas)];
    const startedAt = now();
    const firstPartySite = siteOf(new URL(target.homeUrl).hostname);
    const extra = options.viewport ? { viewport: options.viewport } : {};
    const home = await this.visit(target.homeUrl, 'home', firstPartySite, areas, extra);
    const wanted = new Map<string, PageKind>();
    for (const p of target.pages) wanted.set(p.url, p.kind);
    if (!home.evidence.error) {
      const policy = areas.includes('privacy') ? findPolicyLink(home.evidence.links) : null;
      const statement = areas.includes('accessibility') ? findStatementLink(home.evidence.links) : null;
      if (policy) wanted.set(policy.href.split('#')[0]!, 'privacy_policy');
      if (statement) wanted.set(statement.href.split('#')[0]!, 'accessibility_statement');
    }
    wanted.delete(target.homeUrl);
    const consent = areas.includes('privacy') && !home.evidence.error ? this.consent(target.homeUrl, firstPartySite) : null;
    const others = await Promise.all([...wanted].map(([url, kind]) => this.visit(url, kind, firstPartySite, areas, extra)));
    if (consent) home.evidence.consent = await consent;
    const measuredOn = localDate(startedAt);
    const results = judgePortal({ home: home.evidence, pages: others.map((o) => o.evidence) }, areas, measuredOn);
    return {
      target, areas, startedAt, finishedAt: now(), measuredOn, visits: [home, ...others], results,
      scores: areas.map((a) => scoreArea(results, a)), versions: this.versions,
    };
  }

  async close(): Promise<void> {
    const browser = this.browser ?? (await this.launching?.catch(() => null));
    await browser?.close().catch(() => {});
    this.browser = null;
  }
}
