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
  /**
   * Where the privacy and accessibility checks start, when not at `url` (the sandbox serves its
   * portals to browsers under their own hostnames over HTTPS). Key pages on `url`'s host are
   * visited on this host too.
   */
  checkUrl: HttpUrl.optional(),
});

const Spki = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, {
  message: 'is not a certificate pin. Fix: give the base64 SHA-256 of the certificate\'s public key (44 characters ending in "="), as `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64` prints it',
});

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
  agencies: z.array(AgencySchema).default([]),
  portals: z.array(PortalSchema).default([]),
  sources: z.array(SourceSchema).default([]),
  checks: ChecksSchema.optional(),
});

export type Config = z.output<typeof ConfigSchema>;
export type PortalConfig = z.output<typeof PortalSchema>;
export type ChecksConfig = z.output<typeof ChecksSchema>;
export type SourceConfig = z.output<typeof SourceSchema>;
export type NationalPortalSourceConfig = z.output<typeof NationalPortalSourceSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' });
}
