// The configuration file's shape, as one zod definition. The JSON Schema that editors use
// (config/dvc-monitor.schema.json) is generated from it by `dvc-monitor config schema`.
import { z } from 'zod';
import cron from 'node-cron';
import { KPI_IDS } from '../kpi/definitions.ts';
import { parseCondition } from '../uptime/conditions.ts';

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

const Condition = z.string().superRefine((value, ctx) => {
  try {
    parseCondition(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `is not a condition: ${(err as Error).message}` });
  }
});

const Instant = z.iso.datetime({
  offset: true,
  message: 'is not a date and time with its offset. Fix: write it like 2026-11-20T22:00:00+07:00',
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
  /** Endpoints to probe. Absent: the portal's url ("home") and statusUrl ("status"). [] = none. */
  probes: z.array(ProbeSchema).optional(),
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
  uptime: UptimeSchema.prefault({}),
});

export type Config = z.output<typeof ConfigSchema>;
export type PortalConfig = z.output<typeof PortalSchema>;
export type SourceConfig = z.output<typeof SourceSchema>;
export type UptimeConfig = z.output<typeof UptimeSchema>;
export type ProbeConfig = z.output<typeof ProbeSchema>;
export type NationalPortalSourceConfig = z.output<typeof NationalPortalSourceSchema>;

export function configJsonSchema(): unknown {
  return z.toJSONSchema(ConfigSchema, { io: 'input', unrepresentable: 'any' });
}
