// Provincial case-handling platforms (VNPT iGate and the like): an API behind an OAuth2
// bearer token from the province's Keycloak SSO, asked for one month at a time (date-range
// parameters), page by page, answering per-agency items under opaque agency ids that the
// config maps to registry codes. The client secret comes only from the environment variable
// the config names; tokens are shared by the run's jobs, renewed before they expire and once
// when the API answers 401.
import { createHash } from 'node:crypto';
import type { PlatformApiSourceConfig } from '../src/config/schema.ts';
import { AuthFailure, ClientCredentialsToken } from '../src/http/oauth.ts';
import { selectJson } from '../src/normalise/json-path.ts';
import { PayloadFailure, parseJsonBody } from '../src/normalise/measure.ts';
import { MeasureSink } from '../src/normalise/sink.ts';
import { fillPeriod } from '../src/time/period.ts';
import type { JobSpec } from '../src/run/job.ts';
import { failOnHttpError, periodJobs, send } from './common.ts';
import type { CollectContext, Collector, RawPayload } from './types.ts';

type Report = PlatformApiSourceConfig['reports'][number];

/** Guards against an API that ignores the page parameter and answers the same full page forever. */
const MAX_PAGES = 200;

const reportOf = (source: PlatformApiSourceConfig, job: JobSpec): Report => {
  const report = source.reports.find((r) => r.id === job.params.report);
  if (!report) throw new PayloadFailure('unexpected_shape', `report ${JSON.stringify(job.params.report)} is no longer in the configuration of ${source.id}`);
  return report;
};

export function pageUrl(source: PlatformApiSourceConfig, report: Report, period: string, page: number): string {
  const url = new URL(`${source.url.replace(/\/+$/, '')}${report.path}`);
  const { from, to, format } = source.dateParams;
  url.searchParams.set(from, fillPeriod(format === 'yyyy-MM-dd' ? '{from}' : '{fromVN}', period));
  url.searchParams.set(to, fillPeriod(format === 'yyyy-MM-dd' ? '{to}' : '{toVN}', period));
  for (const [name, value] of Object.entries(report.query)) url.searchParams.set(name, value);
  url.searchParams.set(source.pageParams.page, String(page));
  url.searchParams.set(source.pageParams.size, String(source.pageSize));
  return url.href;
}

/** The run's token for this source's client, or the named failure why there is none. */
async function tokenSource(source: PlatformApiSourceConfig, ctx: CollectContext): Promise<ClientCredentialsToken> {
  const { tokenUrl, clientId, clientSecretEnv, scope } = source.auth;
  const clientSecret = ctx.env[clientSecretEnv];
  if (clientSecret === undefined || clientSecret === '') {
    throw new PayloadFailure('missing_secret', `the environment variable ${clientSecretEnv} (named by sources "${source.id}" auth.clientSecretEnv) is not set. Fix: export ${clientSecretEnv}=<client secret of "${clientId}"> before running`);
  }
  return ctx.resources.get(`oauth|${tokenUrl}|${clientId}|${clientSecretEnv}`, async () => new ClientCredentialsToken(ctx.http, { tokenUrl, clientId, clientSecret, scope }), () => {});
}

/** Whether another page follows: Spring-style `last` / `totalPages`, else a short page. */
function hasNextPage(doc: unknown, items: unknown[], pageNumber: number, source: PlatformApiSourceConfig): boolean {
  const meta = doc !== null && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  if (typeof meta.last === 'boolean') return !meta.last;
  if (typeof meta.totalPages === 'number') return pageNumber - source.pageParams.first + 1 < meta.totalPages;
  return items.length >= source.pageSize;
}

export const platformApi = {
  kind: 'platform-api',

  plan(source, periods) {
    return periodJobs(source.id, periods, source.reports.map((r) => ({ key: r.id, params: { report: r.id } })));
  },

  async *collect(source, job, ctx) {
    const report = reportOf(source, job);
    let tokens: ClientCredentialsToken;
    let token: string;
    try {
      tokens = await tokenSource(source, ctx);
      token = await tokens.get();
    } catch (err) {
      if (!(err instanceof AuthFailure)) throw err;
      if (err.evidence) yield err.evidence;
      throw new PayloadFailure(err.reason, err.message);
    }
    let refreshed = false;
    let previousPage: string | undefined;
    for (let page = source.pageParams.first; page < source.pageParams.first + MAX_PAGES; page++) {
      const url = pageUrl(source, report, job.period!, page);
      let payload: RawPayload;
      for (;;) {
        const request = { method: 'GET', url, headers: { accept: 'application/json', authorization: `Bearer ${token}` }, body: null };
        const response = yield* send(ctx.http, request, ctx.signal);
        payload = { request, response };
        if (response.status !== 401 || refreshed) break;
        // Expired or revoked early: one new token, once per job, so a 401 loop cannot start.
        refreshed = true;
        tokens.invalidate(token);
        try {
          token = await tokens.get();
        } catch (err) {
          if (!(err instanceof AuthFailure)) throw err;
          if (err.evidence) yield err.evidence;
          throw new PayloadFailure(err.reason, err.message);
        }
      }
      yield payload;
      const { status, body } = payload.response;
      if (status === 401) throw new PayloadFailure('unauthorized', `the platform refused a freshly issued token (HTTP 401 at ${report.path}). Fix: check the roles of client "${source.auth.clientId}" in the SSO`);
      failOnHttpError(payload.response, `the platform (${report.path})`);
      let doc: unknown;
      try {
        doc = parseJsonBody(body, 'the platform');
      } catch {
        return; // the normaliser names the failure from the stored payload
      }
      const items = selectJson(doc, report.itemsPath)[0];
      if (!Array.isArray(items) || !hasNextPage(doc, items, page, source)) return;
      const digest = createHash('sha256').update(body).digest('hex');
      if (digest === previousPage) throw new PayloadFailure('unexpected_shape', `page ${page} repeats the previous page: the platform ignores "${source.pageParams.page}"`);
      previousPage = digest;
    }
    throw new PayloadFailure('unexpected_shape', `more than ${MAX_PAGES} pages: the platform's pagination does not end`);
  },

  normalise(source, job, payloads, ctx) {
    const report = reportOf(source, job);
    const period = job.period!;
    const sink = new MeasureSink(period);
    let items = 0;
    let mappedItems = 0;
    let fieldsFound = 0;
    payloads.forEach((payload, payloadIndex) => {
      const doc = parseJsonBody(payload.body, 'the platform');
      const list = selectJson(doc, report.itemsPath)[0];
      if (!Array.isArray(list)) throw new PayloadFailure('unexpected_shape', `the answer has no list at "${report.itemsPath}" (page ${payloadIndex + 1}): the platform's format changed`);
      list.forEach((item, i) => {
        const where = `page ${payloadIndex + 1}, item ${i + 1}`;
        if (item === null || typeof item !== 'object' || Array.isArray(item)) throw new PayloadFailure('unexpected_shape', `${where} is not an object`);
        items++;
        const id = selectJson(item, report.agencyIdPath)[0];
        if (typeof id !== 'string' && typeof id !== 'number') return sink.note('unknown_unit', `${where} has no agency id at "${report.agencyIdPath}"; skipped`);
        const agencyCode = source.agencies[String(id)];
        if (agencyCode === undefined) return sink.note('unknown_unit', `agency id ${JSON.stringify(String(id).slice(0, 80))} is not mapped under "agencies"; skipped`);
        if (!ctx.agencyExists(agencyCode, period)) return sink.note('unknown_unit', `agency id ${JSON.stringify(String(id))} maps to ${agencyCode}, which did not exist in ${period}; skipped`, { agencyCode });
        mappedItems++;
        for (const [path, metric] of Object.entries(report.fields)) {
          const values = selectJson(item, path);
          if (values.length === 0) {
            sink.notFound(agencyCode, metric, `"${path}" is not in the item`, payloadIndex);
            continue;
          }
          fieldsFound++;
          sink.read(agencyCode, metric, values[0], `${where}, ${path}`, payloadIndex);
        }
      });
    });
    if (items === 0) throw new PayloadFailure('empty', `the platform returned no agencies for ${period} (${report.path})`);
    // Only items of mapped agencies tell whether the fields are still there.
    if (mappedItems > 0 && fieldsFound === 0) throw new PayloadFailure('unexpected_shape', `none of the mapped fields (${Object.keys(report.fields).join(', ')}) is in the items: the platform's format changed`);
    return sink.result();
  },
} satisfies Collector<PlatformApiSourceConfig>;
