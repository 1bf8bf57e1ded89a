// The configuration file's shape, as one zod definition. The JSON Schema that editors use
// (config/dvc-monitor.schema.json) is generated from it by `dvc-monitor config schema`.
import { parse as parseCss } from 'css-what';
import { z } from 'zod';
import cron from 'node-cron';
import { KPI_IDS } from '../kpi/definitions.ts';
import { isJsonPath } from '../normalise/json-path.ts';
import { METRIC_NAME } from '../normalise/metrics.ts';
import { fillPeriod } from '../time/period.ts';
import { ConditionSyntaxError, parseCondition } from '../uptime/conditions.ts';
import type { MessageKey, VarsInBoth } from '../messages/index.ts';

/**
 * A rule's problem, as its key in the catalogue (config.rule.*) and the values it names: zod
 * keeps it as the issue's message and params, and src/config/load.ts says it in the reader's
 * language; a value given in both languages ({ vi, en }) is said in the reader's. The JSON Schema's
 * .describe() texts are for editors and stay English.
 */
const rule = (key: Extract<MessageKey, `config.rule.${string}`>, params?: VarsInBoth) => (params ? { message: key, params } : { message: key });

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const HttpUrl = z.string().refine(isHttpUrl, rule('config.rule.httpUrl'));

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, rule('config.rule.id'));

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, rule('config.rule.date'));
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, rule('config.rule.month'));
const Percent = z.number().min(0).max(100);
const KpiId = z.enum(KPI_IDS as [string, ...string[]]);

export const AgencySchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+(:[A-Za-z0-9.-]+)?$|^VN$/, rule('config.rule.agencyCode')),
  name: z.string().min(1),
  level: z.enum(['national', 'ministry', 'province', 'commune']),
  validFrom: LocalDate.optional(),
  validTo: LocalDate.optional(),
  succeededBy: z.string().optional(),
  parent: z.string().optional(),
  gatewayCode: z.string().optional(),
});

const Condition = z.string().superRefine((value, ctx) => {
  try {
    parseCondition(value);
  } catch (err) {
    // The reason in each language: load.ts picks the reader's (ruleText).
    const reason = err instanceof ConditionSyntaxError ? err.texts : (err as Error).message;
    ctx.addIssue({ code: 'custom', ...rule('config.rule.condition', { reason }) });
  }
});

const Instant = z.iso.datetime({
  offset: true,
  ...rule('config.rule.instant'),
});

/** One endpoint to probe; omitted settings come from uptime.defaults. */
export const ProbeSchema = z.strictObject({
  id: Id.describe('Endpoint id within the portal, e.g. "home" or "status"'),
  url: HttpUrl,
  method: z.enum(['GET', 'HEAD']).default('GET'),
  intervalSeconds: z.int().min(10).max(86_400).optional(),
  timeoutMs: z.int().min(100).max(120_000).optional(),
  /** Slower than this (total time) is DEGRADED. */
  slowMs: z.int().min(1).max(120_000).optional(),
  downAfter: z.int().min(1).max(20).optional(),
  /** Must all hold, or the probe fails ("assertion"). Gatus-style, e.g. "[STATUS] == 200". */
  conditions: z.array(Condition).default([]),
  /** A failure only makes the endpoint DEGRADED. */
  softConditions: z.array(Condition).default([]),
  headers: z.record(z.string(), z.string()).default({}),
  /** Scale-out only: the locations that probe this endpoint (default: every location in queue.locations). */
  locations: z.array(z.string().min(1)).min(1).optional(),
});

const UrlPattern = z.string().min(1).max(500).superRefine((value, ctx) => {
  try {
    new RegExp(value, 'u');
  } catch (err) {
    ctx.addIssue({ code: 'custom', ...rule('config.rule.urlPattern', { reason: (err as Error).message }) });
  }
});

/**
 * The page sample of a portal's check (W3C WCAG-EM): a crawl from the home page within the
 * portal's host, pages grouped by template, a structured sample and a random one
 * (src/checks/sample/). Each setting without its default, so a portal can override some.
 */
const SampleFields = {
  maxPages: z.int().min(1).max(100_000).describe('Pages the crawl fetches at most, the home page included'),
  maxDepth: z.int().min(0).max(50).describe('Links followed from the home page at most this many steps deep (the home page is depth 0)'),
  maxChecked: z.int().min(1).max(1000).describe('Pages the check visits at most: the structured sample, trimmed by role priority, and the random sample'),
  random: z.number().min(0).max(1).describe('The random sample as a share of the structured sample (W3C WCAG-EM: 10%)'),
  minRandom: z.int().min(0).max(100).describe('The random sample has at least this many pages (when the crawl found that many besides the structured sample)'),
  include: z.array(UrlPattern).describe('Regular expressions on the path and query: when given, only matching pages are crawled and sampled (the home page always is)'),
  exclude: z.array(UrlPattern).describe('Regular expressions on the path and query: matching pages are neither crawled nor sampled'),
  delayMs: z.int().min(0).max(60_000).describe('Pause between two requests of the crawl, in ms; a longer robots.txt Crawl-delay wins (up to 60 s)'),
  crawlTimeoutMs: z.int().min(1000).max(6 * 3_600_000).describe('The crawl stops after this long (ms) and the sample is planned from the pages found so far'),
  seed: z.int().min(0).max(0xffffffff).describe('Fixes the seed of the random sample; by default it is derived from the portal id and the measured date (Asia/Ho_Chi_Minh), so it changes every day and stays the same all day'),
};

export const SampleSchema = z.strictObject({
  /** false: portals are checked on their home page, key pages, policy and statement only, unless a portal says `sample: true`. */
  enabled: z.boolean().default(true),
  maxPages: SampleFields.maxPages.default(500),
  maxDepth: SampleFields.maxDepth.default(5),
  maxChecked: SampleFields.maxChecked.default(40),
  random: SampleFields.random.default(0.1),
  minRandom: SampleFields.minRandom.default(3),
  include: SampleFields.include.default([]),
  exclude: SampleFields.exclude.default([]),
  delayMs: SampleFields.delayMs.default(500),
  crawlTimeoutMs: SampleFields.crawlTimeoutMs.default(15 * 60_000),
  seed: SampleFields.seed.optional(),
});

/** A portal's own sample: true/false to turn it on or off, or settings over checks.sample's (which turns it on). */
const PortalSampleSchema = z.union([
  z.boolean(),
  z.strictObject(Object.fromEntries(Object.entries(SampleFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof SampleFields]: z.ZodOptional<(typeof SampleFields)[K]> }),
]);

export const PortalSchema = z.strictObject({
  id: Id,
  agency: z.string().describe('Agency code from the registry, e.g. tinh:01 or bo:BCT'),
  name: z.string().min(1),
  url: HttpUrl,
  enabled: z.boolean().default(true),
  /** Key pages later checks visit besides the home page. */
  pages: z.array(z.strictObject({ kind: z.enum(['service', 'form', 'statistics', 'other']), url: HttpUrl })).default([]),
  statusUrl: HttpUrl.optional(),
  /** Endpoints to probe. Absent: the portal's url ("home") and statusUrl ("status"). [] = none. */
  probes: z.array(ProbeSchema).optional(),
  /**
   * Where the privacy and accessibility checks start, when not at `url` (the sandbox serves its
   * portals to browsers under their own hostnames over HTTPS). Key pages on `url`'s host are
   * visited on this host too.
   */
  checkUrl: HttpUrl.optional(),
  /** The page sample of this portal: true/false, or settings over checks.sample's (which it turns on). */
  sample: PortalSampleSchema.optional(),
  /**
   * Shown on the public status page (/status, `status-page --out`), in its feeds and badges: its
   * name, url, state, availability, incidents and maintenance. Nothing of a portal without it is public.
   */
  public: z.boolean().default(false),
});

export const MaintenanceSchema = z.strictObject({
  id: Id,
  portal: z.string().describe('Portal id'),
  /** Endpoint ids of that portal; empty = all of them. */
  endpoints: z.array(Id).default([]),
  from: Instant,
  to: Instant,
  /** Local date the outage was announced to users (NĐ 224/2026 Art. 13: at least 7 working days ahead). */
  announcedOn: LocalDate.optional(),
  note: z.string().default(''),
});

export const UptimeSchema = z.strictObject({
  defaults: z
    .strictObject({
      intervalSeconds: z.int().min(10).max(86_400).default(60),
      timeoutMs: z.int().min(100).max(120_000).default(10_000),
      slowMs: z.int().min(1).max(120_000).default(3_000),
      /** Failed probes in a row before DOWN; each failure is already confirmed by an immediate retry. */
      downAfter: z.int().min(1).max(20).default(1),
      confirmDelayMs: z.int().min(0).max(30_000).default(1_000),
      maxBodyBytes: z.int().min(1024).max(64 * 1024 * 1024).default(1024 * 1024),
      maxRedirects: z.int().min(0).max(20).default(5),
    })
    .prefault({}),
  /** Probes in flight at once, across all endpoints. */
  concurrency: z.int().min(1).max(5000).default(200),
  dns: z
    .strictObject({
      /** DNS servers to ask instead of the system resolver, e.g. ["10.0.0.53"]. */
      servers: z.array(z.string().min(1)).default([]),
      /** Names that always resolve when our resolver works: tell our DNS trouble (UNKNOWN) from the portal's (DOWN). */
      canaries: z.array(z.string().min(1)).default([]),
    })
    .prefault({}),
  retention: z
    .strictObject({
      rawDays: z.int().min(1).max(3650).default(30),
      hourlyDays: z.int().min(1).max(36_500).default(730),
      dailyDays: z.int().min(1).max(36_500).default(3650),
    })
    .prefault({}),
  /** Public holidays (local dates): not working days for the maintenance notice rule. */
  holidays: z.array(LocalDate).default([]),
  maintenance: z.array(MaintenanceSchema).default([]),
});

const Spki = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, rule('config.rule.certificatePin'));

/** Privacy and accessibility checks (issue 5). Without this section nightly runs do not check. */
export const ChecksSchema = z.strictObject({
  enabled: z.boolean().default(true),
  areas: z.array(z.enum(['privacy', 'accessibility'])).min(1).default(['privacy', 'accessibility']),
  /** Pages visited at once, each in its own browser context. */
  concurrency: z.int().min(1).max(16).default(3),
  /** Loading one page; the analysis after it gets 30 s more. */
  pageTimeoutMs: z.int().min(1000).max(300_000).default(30_000),
  /** Bytes one page may pull in all (document and resources) before the visit stops as too_large. */
  maxPageBytes: z.int().min(1024 * 1024).max(1024 ** 3).default(20 * 1024 * 1024),
  /** Tab stops whose focus indicator is checked per page. */
  keyboardSample: z.int().min(1).max(500).default(40),
  screenshotMaxHeight: z.int().min(600).max(50_000).default(10_000),
  /**
   * Chromium --host-resolver-rules. For the sandbox only: sends its public hostnames to
   * 127.0.0.1 and every other name to NOTFOUND. Leave unset for real portals.
   */
  hostResolverRules: z.string().min(1).optional(),
  /** Extra certificates the checker's browser trusts, by SPKI pin (the sandbox's test certificate). */
  trustedCertificateSpki: z.array(Spki).default([]),
  /**
   * Addresses ("ip:port") that stand for public portals though they answer on 127.0.0.1 or a
   * private network (the sandbox): the browser treats them as public, so their pages are kept
   * from the monitoring host and the local network as real portals' pages are.
   */
  publicAddresses: z.array(z.string().regex(/^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]):\d{1,5}$/, rule('config.rule.publicAddress'))).default([]),
  /** A page's script heap may grow to this many MiB; past it the visit stops as too_much_memory. */
  maxPageMemoryMb: z.int().min(128).max(16_384).default(1024),
  /**
   * Where `dvc-monitor trackers update` installs a tracker filter list (Adblock Plus syntax).
   * While no list is installed there, the EasyPrivacy snapshot shipped with the tool is used.
   */
  filterList: z.string().min(1).default('data/trackers/filter-list.txt'),
  /**
   * Incremental re-checks: a page unchanged since its last complete check (same DOM, same
   * resources, same tool, axe-core, criteria and browser versions) reuses that check's
   * accessibility evidence, unless it is older than this ("7d", "36h"; "0" checks every page in
   * full every night). Privacy evidence is always collected afresh.
   */
  fullRecheckEvery: z.string().regex(/^(0|\d{1,4}[dh])$/, rule('config.rule.recheckPeriod')).default('7d'),
  /** A page sample per portal instead of the home page, key pages, policy and statement alone. */
  sample: SampleSchema.optional(),
});

/** Which source's figure is kept when two give the same agency, metric and month. */
const Priority = z.int().min(0).max(100).default(0)
  .describe('When two sources give the same figure (agency, metric, month), the higher priority is kept; on a tie the figure stored first stays. Either way a disagreement is flagged as inconsistent.');

/** Every collection job ends by this deadline, whatever the portal does (an endless script, a request that never ends). */
const JobTimeout = z.int().min(1000).max(6 * 3_600_000).optional()
  .describe('Hard deadline of one job of this source (ms); past it the job is stopped, its browser page or request killed, and recorded as timeout. Default: timeoutMs + 30 s for browser pages, 10 minutes otherwise');

export const NATIONAL_PORTAL_REPORTS = ['monthly_counts', 'index_766'] as const;

export const NationalPortalSourceSchema = z.strictObject({
  id: Id,
  kind: z.literal('national-portal'),
  enabled: z.boolean().default(true),
  priority: Priority,
  jobTimeoutMs: JobTimeout,
  url: HttpUrl.describe('The statistics gateway, e.g. https://dichvucong.gov.vn/jsp/rest.jsp'),
  provider: z.string().default('dvcquocgia'),
  reports: z.array(z.enum(NATIONAL_PORTAL_REPORTS)).min(1).default([...NATIONAL_PORTAL_REPORTS]),
  levels: z.array(z.enum(['ministry', 'province'])).min(1).default(['ministry', 'province']),
  pageSize: z.int().min(1).max(1000).default(100),
  /** Overrides of the gateway field → canonical metric mapping (glosses are unverified). */
  fieldMap: z.record(z.string(), z.string()).default({}),
});

// ---------------------------------------------------------------------------------------
// Pieces the other source kinds share

const MetricName = z.string().regex(METRIC_NAME, rule('config.rule.metricName'));

const JsonPath = z.string().refine(isJsonPath, rule('config.rule.jsonPath'));

const isCssSelector = (value: string) => {
  try {
    return parseCss(value).length > 0;
  } catch {
    return false;
  }
};
const CssSelector = z.string().refine(isCssSelector, rule('config.rule.cssSelector'));

const AgencyRef = z.string().min(1).describe('Agency code from the registry, e.g. tinh:01, bo:BCT or VN');

const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, rule('config.rule.envName'));

/** A URL that may name the period collected: {period}, {YYYY}, {MM}, {M}, {from}, {to}, {fromVN}, {toVN}. */
const UrlTemplate = z.string().refine((value) => isHttpUrl(fillPeriod(value, '2026-10')), rule('config.rule.urlTemplate'));

const Cumulative = z.boolean().default(false)
  .describe('The source publishes year-to-date ("lũy kế") figures: each month is stored as the difference with the previous month; the figure as published is kept as ytd.<metric>');

const nonEmpty = (example: string) => [
  (value: Record<string, unknown>) => Object.keys(value).length > 0,
  rule('config.rule.mapsNothing', { example }),
] as const;

/** How a row names its agency: a table column whose text is mapped in `agencies`, or is the gateway unit code of `agencyLevel`. */
const AgencyColumnFields = {
  agencyColumn: z.string().min(1).optional().describe('Header text of the column that names the agency of each row'),
  agencies: z.record(z.string(), AgencyRef).default({}).describe('Text in the agency column (name, code or opaque id) → registry agency code'),
  agencyLevel: z.enum(['ministry', 'province']).optional().describe('The agency column holds the gateway unit code (MA_COQUAN) of this level, e.g. "01" for Hà Nội'),
};

function needsAgencyLookup(value: { agencies: Record<string, string>; agencyLevel?: string | undefined }, ctx: z.RefinementCtx, path: PropertyKey[]) {
  if (Object.keys(value.agencies).length === 0 && value.agencyLevel === undefined) {
    ctx.addIssue({ code: 'custom', path, input: value, ...rule('config.rule.agencyLookup') });
  }
}

// ---------------------------------------------------------------------------------------
// Authenticated platform API (provincial case-handling platforms such as VNPT iGate)

export const PlatformApiSourceSchema = z.strictObject({
  id: Id,
  kind: z.literal('platform-api'),
  enabled: z.boolean().default(true),
  priority: Priority,
  jobTimeoutMs: JobTimeout,
  cumulative: Cumulative,
  url: HttpUrl.describe('Where the API paths start (the base URL), e.g. https://apiigate.example.gov.vn'),
  auth: z.strictObject({
    tokenUrl: HttpUrl.describe('OAuth2 token endpoint; Keycloak: https://sso.example.gov.vn/realms/<realm>/protocol/openid-connect/token'),
    clientId: z.string().min(1),
    clientSecretEnv: EnvName.describe('Name of the environment variable holding the client secret (never the secret itself)'),
    scope: z.string().min(1).optional(),
  }),
  dateParams: z.strictObject({
    from: z.string().min(1).default('fromDate'),
    to: z.string().min(1).default('toDate'),
    format: z.enum(['yyyy-MM-dd', 'dd/MM/yyyy']).default('yyyy-MM-dd'),
  }).prefault({}),
  pageParams: z.strictObject({
    page: z.string().min(1).default('page'),
    size: z.string().min(1).default('size'),
    /** The number of the first page: 0 for Spring-style APIs, 1 for others. */
    first: z.int().min(0).max(1).default(0),
  }).prefault({}),
  pageSize: z.int().min(1).max(1000).default(50),
  reports: z.array(z.strictObject({
    id: Id,
    path: z.string().regex(/^\/[^\s]*$/, rule('config.rule.apiPath')),
    /** Extra query parameters sent as they are. */
    query: z.record(z.string(), z.string()).default({}),
    itemsPath: JsonPath.default('content').describe('Path of the array of per-agency items in the answer'),
    agencyIdPath: JsonPath.default('agency.id').describe('Path of the opaque agency id in an item'),
    fields: z.record(JsonPath, MetricName).refine(...nonEmpty('{ "received.total": dossiers.received }'))
      .describe('Path in an item (e.g. received.online) → canonical metric'),
  })).min(1),
  agencies: z.record(z.string(), AgencyRef).refine(...nonEmpty('{ "60b5f0e3a1b2c3d4e5f60718": "tinh:48" }'))
    .describe("The platform's opaque agency ids → registry agency codes; items of other ids are skipped with a note"),
});

// ---------------------------------------------------------------------------------------
// HTML statistics page, static or rendered by JavaScript in Chromium

export const HtmlPageSourceSchema = z.strictObject({
  id: Id,
  kind: z.literal('html-page'),
  enabled: z.boolean().default(true),
  priority: Priority,
  jobTimeoutMs: JobTimeout,
  cumulative: Cumulative,
  url: UrlTemplate,
  render: z.enum(['static', 'browser']).default('static').describe('static: the HTML as served; browser: the page after its scripts ran in Chromium'),
  waitFor: CssSelector.optional().describe('CSS selector that must appear before the rendered HTML is kept (browser only)'),
  timeoutMs: z.int().min(1000).max(120_000).default(30_000).describe('Browser only: loading the page plus waiting for waitFor'),
  periodText: CssSelector.optional().describe('CSS selector of the element naming the month shown ("Tháng 10/2026"): another month is a failure'),
  agency: AgencyRef.optional().describe('The agency the page is about (selectors, and tables with one metric per row)'),
  selectors: z.record(CssSelector, MetricName).optional().describe('CSS selector of an element holding one value → canonical metric'),
  table: z.strictObject({
    selector: CssSelector.default('table'),
    metricsIn: z.enum(['rows', 'columns']).describe('rows: one metric per row, labelled in labelColumn; columns: one metric per column, one agency per row'),
    labelColumn: z.string().min(1).optional().describe('rows: header of the column with the metric labels (default: the first column)'),
    valueColumn: z.string().min(1).optional().describe('rows: header of the column with the values; may say "Tháng {MM}/{YYYY}"'),
    ...AgencyColumnFields,
    metrics: z.record(z.string(), MetricName).refine(...nonEmpty('{ "Hồ sơ tiếp nhận": dossiers.received }'))
      .describe('Row label (rows) or column header (columns), as printed → canonical metric'),
  }).optional(),
}).superRefine((s, ctx) => {
  if ((s.selectors === undefined) === (s.table === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['table'], input: s, ...rule('config.rule.selectorsOrTable') });
  }
  if (s.waitFor !== undefined && s.render !== 'browser') {
    ctx.addIssue({ code: 'custom', path: ['waitFor'], input: s.waitFor, ...rule('config.rule.waitForBrowserOnly') });
  }
  const rowsOfOneAgency = s.selectors !== undefined || s.table?.metricsIn === 'rows';
  if (rowsOfOneAgency && s.agency === undefined) {
    ctx.addIssue({ code: 'custom', path: ['agency'], input: s, ...rule('config.rule.pageAgencyRequired') });
  }
  if (s.table?.metricsIn === 'rows' && s.table.valueColumn === undefined) {
    ctx.addIssue({ code: 'custom', path: ['table', 'valueColumn'], input: s.table, ...rule('config.rule.valueColumnRequired') });
  }
  if (s.table?.metricsIn === 'columns') {
    if (s.table.agencyColumn === undefined) {
      ctx.addIssue({ code: 'custom', path: ['table', 'agencyColumn'], input: s.table, ...rule('config.rule.agencyColumnRequired') });
    }
    needsAgencyLookup(s.table, ctx, ['table', 'agencies']);
  }
});

// ---------------------------------------------------------------------------------------
// CSV and XLSX open-data exports

export const OpenDataSourceSchema = z.strictObject({
  id: Id,
  kind: z.literal('open-data'),
  enabled: z.boolean().default(true),
  priority: Priority,
  jobTimeoutMs: JobTimeout,
  cumulative: Cumulative,
  url: UrlTemplate,
  format: z.enum(['csv', 'xlsx']),
  encoding: z.enum(['utf-8', 'utf-16le', 'windows-1258']).default('utf-8').describe('CSV only; a byte-order mark overrides it'),
  delimiter: z.enum(['auto', ',', ';', '\t']).default('auto').describe('CSV only; auto picks the one the header row uses'),
  finalNewline: z.enum(['required', 'optional']).default('required')
    .describe('CSV only: a file whose last line has no line end is refused as truncated (a last field cut at a digit looks whole); optional for a portal that writes none, at the price of not telling such a cut'),
  sheet: z.string().min(1).optional().describe('XLSX only: the sheet to read (default: the first)'),
  periodColumn: z.string().min(1).optional().describe('Header of a column naming each row\'s month ("10/2026"); rows of other months are skipped'),
  ...AgencyColumnFields,
  agencyColumn: z.string().min(1).describe('Header text of the column that names the agency of each row'),
  columns: z.record(z.string(), MetricName).refine(...nonEmpty('{ "Hồ sơ tiếp nhận": dossiers.received }'))
    .describe('Column header, as printed → canonical metric'),
}).superRefine((s, ctx) => needsAgencyLookup(s, ctx, ['agencies']));

// ---------------------------------------------------------------------------------------
// Status endpoints (Atlassian Statuspage summary, or any JSON)

export const StatusEndpointSourceSchema = z.strictObject({
  id: Id,
  kind: z.literal('status-endpoint'),
  enabled: z.boolean().default(true),
  priority: Priority,
  jobTimeoutMs: JobTimeout,
  url: HttpUrl,
  agency: AgencyRef.describe('The agency whose portal the endpoint reports on'),
  format: z.enum(['statuspage', 'json']).default('statuspage').describe('statuspage: /api/v2/summary.json; json: only the paths under "fields"'),
  fields: z.array(z.strictObject({
    path: JsonPath.describe('Dotted path into the JSON; [n] picks an element, [*] every one: "components[*].status"'),
    metric: MetricName,
    aggregate: z.enum(['value', 'count']).default('value').describe('value: the one value found; count: how many values the path finds'),
    equals: z.union([z.string(), z.number(), z.boolean()]).optional().describe('count only the values equal to this'),
    map: z.record(z.string(), z.number()).optional().describe('text → number, e.g. { ok: 0, degraded: 1, down: 2 }'),
  })).default([]),
}).superRefine((s, ctx) => {
  if (s.format === 'json' && s.fields.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['fields'], input: s.fields, ...rule('config.rule.statusFieldsEmpty') });
  }
});

export const SourceSchema = z.discriminatedUnion('kind', [
  NationalPortalSourceSchema, PlatformApiSourceSchema, HtmlPageSourceSchema, OpenDataSourceSchema, StatusEndpointSourceSchema,
]);

/**
 * Scale-out (issue 16): a coordinator and workers on several machines, through BullMQ on Redis.
 * Without this section everything runs in one process, as before.
 */
export const QueueSchema = z.strictObject({
  redis: z.strictObject({
    url: z.string().regex(/^rediss?:\/\/[^/?#]+(\/\d{1,2})?$/, rule('config.rule.redisUrl')).describe('redis://host:port[/db] or rediss://host:port[/db]; never with the password in it'),
    /** ACL user (Redis 6+). Each role (coordinator, worker) should have its own. */
    username: z.string().min(1).optional(),
    passwordEnv: EnvName.optional().describe('Name of the environment variable holding the Redis password (never the password itself)'),
    /** TLS: required when Redis is not on this machine (127.0.0.1, ::1, localhost). */
    tls: z.strictObject({
      caFile: z.string().min(1).optional().describe('PEM file of the CA that signed the Redis server certificate (default: the system roots)'),
      servername: z.string().min(1).optional(),
    }).optional(),
  }),
  /** Prefix of every Redis key: several deployments can share one Redis. */
  prefix: Id.default('dvc'),
  /** Where probes run from. Each needs at least one `dvc-monitor worker --location <id>`. */
  locations: z.array(z.strictObject({
    id: Id,
    name: z.string().min(1).optional(),
    /**
     * Addresses that always answer when this location's own network works. A probe that cannot
     * connect is checked against them: if none answers, the location is UNKNOWN for that round
     * and left out of the quorum (its network, not the portal, is down).
     */
    canaries: z.array(HttpUrl).default([]),
  })).default([]),
  /** Locations that must say DOWN for the verdict to be DOWN; "majority" = more than half of those that answered. */
  quorum: z.union([z.literal('majority'), z.int().min(1).max(50)]).default('majority'),
  /** A location without a live worker for this long is UNKNOWN (left out), and recorded as a gap. */
  workerGraceSeconds: z.int().min(5).max(3600).default(60),
  /** A job whose worker disappeared is given to another after this (BullMQ lock). */
  lockSeconds: z.int().min(2).max(600).default(30),
  /** Extra wait for the locations of a probe round, after the probe's own timeouts. */
  roundGraceMs: z.int().min(100).max(60_000).default(5_000),
  /** Pages of one portal being checked at once, across all workers (politeness per host). */
  perPortalPages: z.int().min(1).max(16).default(2),
  /** The coordinator writes results in transactions of at most this many, at least every maxWaitMs. */
  batch: z.strictObject({
    maxResults: z.int().min(1).max(10_000).default(500),
    maxWaitMs: z.int().min(1).max(10_000).default(100),
  }).prefault({}),
});

const Email = z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, rule('config.rule.email'));

/** Which alerts a channel receives; all of them when no filter is given. */
const channelCommon = {
  id: Id,
  lang: z.enum(['vi', 'en']).default('vi'),
  /** Rule ids or prefixes ("portal.", "kpi.drop"). */
  rules: z.array(z.string().min(1)).optional(),
  portals: z.array(z.string()).optional(),
  agencies: z.array(z.string()).optional(),
  minSeverity: z.enum(['info', 'warning', 'critical']).default('warning'),
};
// Webhook URLs of chat services carry their token: they come from the environment (urlEnv).
const urlOrEnv = { url: HttpUrl.optional(), urlEnv: EnvName.optional() };
const oneUrl = (c: { url?: string; urlEnv?: string }) => (c.url === undefined) !== (c.urlEnv === undefined);
const ONE_URL = rule('config.rule.oneUrl');

export const ChannelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...channelCommon, kind: z.literal('webhook'), ...urlOrEnv, secretEnv: EnvName.optional() }).refine(oneUrl, ONE_URL),
  z.strictObject({ ...channelCommon, kind: z.literal('slack'), ...urlOrEnv }).refine(oneUrl, ONE_URL),
  z.strictObject({ ...channelCommon, kind: z.literal('teams'), ...urlOrEnv }).refine(oneUrl, ONE_URL),
  z.strictObject({
    ...channelCommon, kind: z.literal('telegram'),
    baseUrl: HttpUrl.default('https://api.telegram.org'),
    tokenEnv: EnvName,
    chatId: z.string().min(1),
  }),
  // Zalo Official Account (the messaging app Vietnamese agencies use): a consultation message to one follower of the OA.
  z.strictObject({
    ...channelCommon, kind: z.literal('zalo'),
    baseUrl: HttpUrl.default('https://openapi.zalo.me'),
    /** The OA access token: from the environment, or from a file read at each delivery (a refresher can replace it while the service runs). */
    tokenEnv: EnvName.optional(),
    tokenFile: z.string().refine((f) => f.startsWith('/'), rule('config.rule.zaloTokenFile')).optional(),
    /** The recipient: the user_id of a follower of the OA (one channel per recipient: a retry then never repeats a message to another). */
    userId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, rule('config.rule.zaloUserId')),
  }).refine((c) => (c.tokenEnv === undefined) !== (c.tokenFile === undefined), rule('config.rule.zaloToken')),
  z.strictObject({
    ...channelCommon, kind: z.literal('email'),
    host: z.string().min(1),
    port: z.int().min(1).max(65535).default(587),
    /** true for SMTPS (port 465); false uses STARTTLS (required when the channel logs in, see `insecure`). */
    secure: z.boolean().default(false),
    userEnv: EnvName.optional(),
    passwordEnv: EnvName.optional(),
    /**
     * With a user name and password, the connection must be encrypted (SMTPS, or STARTTLS, which is
     * then required): a relay that offers no STARTTLS gets no password. true sends them in clear
     * anyway: only for a relay on a trusted network.
     */
    insecure: z.boolean().default(false),
    from: Email,
    to: z.array(Email).min(1),
  }),
]);

export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal(1),
  store: z.strictObject({ path: z.string().min(1).default('data/dvc-monitor.sqlite') }).prefault({}),
  http: z
    .strictObject({
      timeoutMs: z.int().min(100).max(600_000).default(30_000),
      maxBodyBytes: z.int().min(1024).max(1024 ** 3).default(20 * 1024 * 1024),
      maxRedirects: z.int().min(0).max(20).default(5),
      retries: z.int().min(0).max(10).default(2),
      retryBaseDelayMs: z.int().min(0).max(60_000).default(500),
      /** The longest Retry-After (429, 503) waited for; a portal asking more is recorded as rate_limited. */
      maxRetryAfterMs: z.int().min(0).max(600_000).default(60_000),
      perHostConcurrency: z.int().min(1).max(64).default(4),
    })
    .prefault({}),
  schedule: z
    .strictObject({
      nightly: z.string().refine((v) => cron.validate(v), rule('config.rule.cron')).default('0 2 * * *'),
      /** How many months, ending with the current one, each nightly run collects again. */
      lookbackMonths: z.int().min(1).max(36).default(2),
      /** First month a backfill (`run --backfill`, the demo) collects. */
      backfillFrom: Month.optional(),
    })
    .prefault({}),
  targets: z
    .strictObject({
      defaults: z.partialRecord(KpiId, Percent).default({}),
      rules: z
        .array(
          z.strictObject({
            kpi: KpiId,
            value: Percent,
            agency: z.string().optional(),
            level: z.enum(['ministry', 'province', 'commune']).optional(),
            year: z.int().min(2000).max(2100).optional(),
          }),
        )
        .default([]),
    })
    .prefault({}),
  quality: z
    .strictObject({
      /** A source whose stored values have not changed for this many days is flagged stale. */
      staleAfterDays: z.int().min(1).max(365).default(3),
      /** A value over this many times the agency's median (or under its inverse) is an outlier. */
      outlierFactor: z.number().min(2).max(1000).default(10),
      /** How many earlier months make the median. */
      outlierHistoryMonths: z.int().min(3).max(60).default(12),
      /** Quarantine: jumps (against history or peers) are judged only when the larger side reaches this; smaller counts swing by themselves (late dossiers of a ministry: 1,250 one month, 76 the next). */
      jumpFloor: z.number().min(0).max(1e9).default(10_000),
      /** Quarantine: an agency with under 3 months of history is compared with its peers (same level, metric, month) when there are at least this many. */
      minPeers: z.int().min(2).max(1000).default(5),
      /** Quarantine: a value over this many times the largest of its peers (or under the smallest ÷ this) is held back. */
      peerFactor: z.number().min(2).max(1e6).default(100),
    })
    .prefault({}),
  alerts: z
    .strictObject({
      /** Where the dashboard is, for the evidence link in every message. */
      linkBase: HttpUrl.default('http://127.0.0.1:8080'),
      /** Minutes between reminders of an open, unacknowledged alert; null for none. */
      reminderMinutes: z.int().min(5).nullable().default(240),
      failuresToOpen: z.int().min(1).max(20).default(1),
      successesToResolve: z.int().min(1).max(20).default(1),
      /** Per rule id: its own flap thresholds. */
      perRule: z.record(z.string(), z.strictObject({ failuresToOpen: z.int().min(1).max(20).optional(), successesToResolve: z.int().min(1).max(20).optional() })).default({}),
      kpiDropPoints: z.number().min(0.1).max(100).default(5),
      certificateDays: z.int().min(1).max(365).default(14),
      collectorFailedRuns: z.int().min(1).max(50).default(3),
      /** Delivery gives a message up only after this many hours of failed attempts. */
      giveUpAfterHours: z.int().min(1).max(24 * 30).default(72),
    })
    .prefault({}),
  server: z
    .strictObject({
      /**
       * Host names (optionally with a port) the dashboard answers to, besides the address it is
       * bound to and the host of alerts.linkBase: e.g. the name behind a reverse proxy. Any other
       * Host header gets 421 (a DNS-rebinding page cannot read the API).
       */
      allowedHosts: z.array(z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*)(:\d{1,5})?$/, rule('config.rule.hostName'))).default([]),
      /**
       * Serve HTTPS (PEM files, relative to this file's folder); plain HTTP on the same port is
       * answered with a redirect to HTTPS, and HTTPS answers carry Strict-Transport-Security.
       */
      tls: z.strictObject({ certFile: z.string().min(1), keyFile: z.string().min(1) }).optional(),
      /**
       * Who answers for the dashboard and the public status page: named in their accessibility
       * statement (where to report a barrier) and their personal-data notice (the contact point).
       */
      contact: z.strictObject({
        name: z.string().min(1),
        email: z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, rule('config.rule.contactEmail')).optional(),
        phone: z.string().regex(/^\+?[0-9 .()-]{6,20}$/, rule('config.rule.phone')).optional(),
      }).optional(),
    })
    .prefault({}),
  channels: z.array(ChannelSchema).default([]),
  agencies: z.array(AgencySchema).default([]),
  portals: z.array(PortalSchema).default([]),
  sources: z.array(SourceSchema).default([]),
  uptime: UptimeSchema.prefault({}),
  checks: ChecksSchema.optional(),
  queue: QueueSchema.optional(),
});

export type Config = z.output<typeof ConfigSchema>;
export type PortalConfig = z.output<typeof PortalSchema>;
export type ChecksConfig = z.output<typeof ChecksSchema>;
export type SampleConfig = z.output<typeof SampleSchema>;
export type QueueConfig = z.output<typeof QueueSchema>;
export type SourceConfig = z.output<typeof SourceSchema>;
export type UptimeConfig = z.output<typeof UptimeSchema>;
export type ProbeConfig = z.output<typeof ProbeSchema>;
export type NationalPortalSourceConfig = z.output<typeof NationalPortalSourceSchema>;
export type ChannelConfig = z.output<typeof ChannelSchema>;
export type PlatformApiSourceConfig = z.output<typeof PlatformApiSourceSchema>;
export type HtmlPageSourceConfig = z.output<typeof HtmlPageSourceSchema>;
export type OpenDataSourceConfig = z.output<typeof OpenDataSourceSchema>;
export type StatusEndpointSourceConfig = z.output<typeof StatusEndpointSourceSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' });
}
