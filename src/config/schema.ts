// The configuration file's shape, as one zod definition. The JSON Schema that editors use
// (config/dvc-monitor.schema.json) is generated from it by `dvc-monitor config schema`.
import { z } from 'zod';
import cron from 'node-cron';
import { KPI_IDS } from '../kpi/definitions.ts';

const isHttpUrl = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

const HttpUrl = z.string().refine(isHttpUrl, {
  message: 'is not an http(s) URL. Fix: write a full address starting with https:// (http:// only for local sandboxes)',
});

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, {
  message: 'is not a valid id. Fix: use lowercase letters, digits and dashes, for example "dvc-hanoi"',
});

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'is not a date. Fix: write YYYY-MM-DD' });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'is not a month. Fix: write YYYY-MM, for example 2026-10' });
const Percent = z.number().min(0).max(100);
const KpiId = z.enum(KPI_IDS as [string, ...string[]]);

export const AgencySchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+(:[A-Za-z0-9.-]+)?$|^VN$/, {
    message: 'is not a valid agency code. Fix: use a prefix and an id, for example "xa:00004" or "bo:BCT"',
  }),
  name: z.string().min(1),
  level: z.enum(['national', 'ministry', 'province', 'commune']),
  validFrom: LocalDate.optional(),
  validTo: LocalDate.optional(),
  succeededBy: z.string().optional(),
  parent: z.string().optional(),
  gatewayCode: z.string().optional(),
});

export const PortalSchema = z.strictObject({
  id: Id,
  agency: z.string().describe('Agency code from the registry, e.g. tinh:01 or bo:BCT'),
  name: z.string().min(1),
  url: HttpUrl,
  enabled: z.boolean().default(true),
  /** Key pages later checks visit besides the home page. */
  pages: z.array(z.strictObject({ kind: z.enum(['service', 'form', 'statistics', 'other']), url: HttpUrl })).default([]),
  statusUrl: HttpUrl.optional(),
});

export const NATIONAL_PORTAL_REPORTS = ['monthly_counts', 'index_766'] as const;

export const NationalPortalSourceSchema = z.strictObject({
  id: Id,
  kind: z.literal('national-portal'),
  enabled: z.boolean().default(true),
  url: HttpUrl.describe('The statistics gateway, e.g. https://dichvucong.gov.vn/jsp/rest.jsp'),
  provider: z.string().default('dvcquocgia'),
  reports: z.array(z.enum(NATIONAL_PORTAL_REPORTS)).min(1).default([...NATIONAL_PORTAL_REPORTS]),
  levels: z.array(z.enum(['ministry', 'province'])).min(1).default(['ministry', 'province']),
  pageSize: z.int().min(1).max(1000).default(100),
  /** Overrides of the gateway field → canonical metric mapping (glosses are unverified). */
  fieldMap: z.record(z.string(), z.string()).default({}),
});

export const SourceSchema = z.discriminatedUnion('kind', [NationalPortalSourceSchema]);

const EnvName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, {
  message: 'is not an environment variable name. Fix: use capitals, digits and underscores, e.g. SLACK_WEBHOOK_URL',
});
const Email = z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/, { message: 'is not an e-mail address. Fix: write name@example.gov.vn' });

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
const ONE_URL = { message: 'needs exactly one of "url" or "urlEnv". Fix: put secret URLs in an environment variable named by urlEnv' };

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
  z.strictObject({
    ...channelCommon, kind: z.literal('email'),
    host: z.string().min(1),
    port: z.int().min(1).max(65535).default(587),
    /** true for SMTPS (port 465); false uses STARTTLS when the server offers it. */
    secure: z.boolean().default(false),
    userEnv: EnvName.optional(),
    passwordEnv: EnvName.optional(),
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
      perHostConcurrency: z.int().min(1).max(64).default(4),
    })
    .prefault({}),
  schedule: z
    .strictObject({
      nightly: z.string().refine((v) => cron.validate(v), {
        message: 'is not a cron expression. Fix: five fields "minute hour day month weekday", e.g. "0 2 * * *" for 02:00 every night',
      }).default('0 2 * * *'),
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
  channels: z.array(ChannelSchema).default([]),
  agencies: z.array(AgencySchema).default([]),
  portals: z.array(PortalSchema).default([]),
  sources: z.array(SourceSchema).default([]),
});

export type Config = z.output<typeof ConfigSchema>;
export type PortalConfig = z.output<typeof PortalSchema>;
export type SourceConfig = z.output<typeof SourceSchema>;
export type NationalPortalSourceConfig = z.output<typeof NationalPortalSourceSchema>;
export type ChannelConfig = z.output<typeof ChannelSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' });
}
