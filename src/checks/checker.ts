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
import { visitPage, VISIT_VIEWPORT, type VisitOptions, type VisitResult } from './evidence/visit.ts';
import type { FingerprintBasis } from './evidence/fingerprint.ts';
import type { ReusableAccessibility } from './incremental.ts';
import type { SamplePlan } from './sample/plan.ts';
import { samplePortal } from './sample/sample-portal.ts';
import { sampleSettingsOf, type SampleSettings } from './sample/settings.ts';
import { judgePortal, type CriterionResult } from './judge.ts';
import { scoreArea, SCORING_VERSION, type AreaScore } from './score.ts';
import type { Area, PageKind, Versions } from './types.ts';

export type CheckSettings = Omit<ChecksConfig, 'enabled'>;

export const DEFAULT_CHECK_SETTINGS: CheckSettings = {
  areas: ['privacy', 'accessibility'], concurrency: 3, pageTimeoutMs: 30_000, maxPageBytes: 20 * 1024 * 1024,
  keyboardSample: 40, screenshotMaxHeight: 10_000, trustedCertificateSpki: [], filterList: 'data/trackers/filter-list.txt', publicAddresses: [], maxPageMemoryMb: 1024,
  fullRecheckEvery: '7d',
};

/** A page's last complete accessibility evidence, if it may be reused (incremental.ts). */
export type PreviousLookup = (page: { url: string; kind: PageKind }) => ReusableAccessibility | null;

export interface CheckTarget {
  /** null for an address checked on its own (`dvc-monitor check https://…`). */
  portalId: string | null;
  homeUrl: string;
  pages: Array<{ kind: PageKind; url: string }>;
  /** Check a page sample (src/checks/sample/) with these settings; absent or null: the home page, key pages, policy and statement. */
  sample?: SampleSettings | null;
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
  /** The page sample the visits after the home page came from; null or absent when the check had none. */
  sample?: SamplePlan | null;
}

/** The pages a portal's check visits, from its configuration (and `checks.sample` for its page sample). */
export function targetOfPortal(portal: Pick<PortalConfig, 'id' | 'url' | 'pages' | 'checkUrl' | 'sample'>, checks?: Pick<ChecksConfig, 'sample'>): CheckTarget {
  const home = portal.checkUrl ?? portal.url;
  const rebase = (url: string) => {
    if (!portal.checkUrl) return url;
    const from = new URL(portal.url);
    const page = new URL(url);
    if (page.origin !== from.origin) return url;
    const to = new URL(portal.checkUrl);
    return `${to.origin}${page.pathname}${page.search}`;
  };
  return { portalId: portal.id, homeUrl: home, pages: portal.pages.map((p) => ({ kind: p.kind, url: rebase(p.url) })), sample: sampleSettingsOf(portal, checks) };
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

/** Requests to other registrable domains than the home page's are third-party. */
export const firstPartySiteOf = (target: CheckTarget) => siteOf(new URL(target.homeUrl).hostname);

/**
 * The pages a check visits after the home page: its sample's, or else the configured key pages,
 * then the privacy policy and the accessibility statement the home page links to. A check spread
 * over workers (src/scale/remote-jobs.ts) visits the same pages in the same order.
 */
export function pagesAfterHome(target: CheckTarget, home: VisitResult['evidence'], areas: readonly Area[], sample: SamplePlan | null = null): Array<{ url: string; kind: PageKind }> {
  if (sample) return sample.pages.slice(1).map((p) => ({ url: p.url, kind: p.kind }));
  const wanted = new Map<string, PageKind>();
  for (const p of target.pages) wanted.set(p.url, p.kind);
  if (!home.error) {
    const policy = areas.includes('privacy') ? findPolicyLink(home.links) : null;
    const statement = areas.includes('accessibility') ? findStatementLink(home.links) : null;
    if (policy) wanted.set(policy.href.split('#')[0]!, 'privacy_policy');
    if (statement) wanted.set(statement.href.split('#')[0]!, 'accessibility_statement');
  }
  wanted.delete(target.homeUrl);
  return [...wanted].map(([url, kind]) => ({ url, kind }));
}

/**
 * The sample of a check whose home page was just visited, or null when the target has none or the
 * home page could not be checked (nothing to crawl from).
 */
export function sampleAfterHome(target: CheckTarget, home: VisitResult['evidence'], areas: readonly Area[], settings: CheckSettings, startedAt: Date): Promise<SamplePlan | null> {
  if (!target.sample || home.error) return Promise.resolve(null);
  return samplePortal({ target, home, areas, settings: target.sample, check: settings, measuredOn: localDate(startedAt) });
}

/** The check of a portal from its visits: the criteria judged on the evidence, the areas scored. */
export function assembleCheck(input: {
  target: CheckTarget; areas: Area[]; startedAt: Date; finishedAt: Date; home: VisitResult; others: VisitResult[]; versions: Versions; sample?: SamplePlan | null;
}): PortalCheck {
  const { target, areas, startedAt, home, others } = input;
  const measuredOn = localDate(startedAt);
  const results = judgePortal({ home: home.evidence, pages: others.map((o) => o.evidence) }, areas, measuredOn);
  return {
    target, areas, startedAt, finishedAt: input.finishedAt, measuredOn, visits: [home, ...others], results,
    scores: areas.map((a) => scoreArea(results, a)), versions: input.versions, sample: input.sample ?? null,
  };
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
  /** What a page's fingerprint is taken with (incremental re-checks). */
  private get fingerprintBasis(): FingerprintBasis {
    const { tool, axe, criteria, browser } = this.versions;
    return { tool, axe, criteria, browser, keyboardSample: this.settings.keyboardSample, viewport: VISIT_VIEWPORT };
  }
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

  /**
   * Visits one address; a browser that cannot even start is a scanner error of this page. A home
   * page checked for privacy is then visited twice more, refusing and accepting through its
   * consent banner (evidence/consent/), so that a worker process's visit carries the same evidence.
   */
  visit(url: string, kind: PageKind, firstPartySite: string, areas: readonly Area[], extra: Pick<VisitOptions, 'phases' | 'previous' | 'viewport'> = {}): Promise<VisitResult> {
    return this.limit(async () => {
      const browser = await this.liveBrowser();
      const filterList = await (this.filterList ??= filterListFor(this.settings.filterList));
      const result = await visitPage(browser, url, {
        kind, firstPartySite, areas, pageTimeoutMs: this.settings.pageTimeoutMs, maxPageBytes: this.settings.maxPageBytes,
        keyboardSample: this.settings.keyboardSample, screenshotMaxHeight: this.settings.screenshotMaxHeight, probeHttp: kind === 'home',
        publicAddresses: this.settings.publicAddresses, maxPageMemoryMb: this.settings.maxPageMemoryMb, filterList, fingerprint: this.fingerprintBasis, ...extra,
      });
      if (kind === 'home' && areas.includes('privacy') && !result.evidence.error) {
        extra.phases?.('consent');
        result.evidence.consent = await consentVisits(await this.liveBrowser(), url, {
          firstPartySite, pageTimeoutMs: this.settings.pageTimeoutMs, maxPageBytes: this.settings.maxPageBytes, publicAddresses: this.settings.publicAddresses, filterList,
        });
        extra.phases?.('done');
      }
      return result;
    });
  }

  /**
   * `previous` gives a page's last complete accessibility evidence, to be reused if the page has
   * not changed (incremental.ts); without it every page is checked in full. `viewport` lays every
   * page out in another window than the default (a phone's 390 × 844).
   */
  async checkPortal(target: CheckTarget, options: { areas?: readonly Area[]; now?: () => Date; previous?: PreviousLookup; viewport?: VisitOptions['viewport'] } = {}): Promise<PortalCheck> {
    const now = options.now ?? (() => new Date());
    const areas = [...(options.areas ?? this.settings.areas)];
    const startedAt = now();
    const firstPartySite = firstPartySiteOf(target);
    const previous = (url: string, kind: PageKind) => (areas.includes('accessibility') ? options.previous?.({ url, kind }) ?? null : null);
    const viewport = options.viewport ? { viewport: options.viewport } : {};
    const home = await this.visit(target.homeUrl, 'home', firstPartySite, areas, { previous: previous(target.homeUrl, 'home'), ...viewport });
    const sample = await sampleAfterHome(target, home.evidence, areas, this.settings, startedAt);
    const others = await Promise.all(pagesAfterHome(target, home.evidence, areas, sample).map((p) => this.visit(p.url, p.kind, firstPartySite, areas, { previous: previous(p.url, p.kind), ...viewport })));
    return assembleCheck({ target, areas, startedAt, finishedAt: now(), home, others, versions: this.versions, sample });
  }

  async close(): Promise<void> {
    const browser = this.browser ?? (await this.launching?.catch(() => null));
    await browser?.close().catch(() => {});
    this.browser = null;
  }
}
