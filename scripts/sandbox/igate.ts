// A provincial case-handling platform in the manner of VNPT iGate, for Đà Nẵng: a
// Keycloak-compatible SSO issuing client-credentials tokens, and two statistics endpoints that
// need a bearer token, take a one-month date range and answer Spring-style pages of per-agency
// items under opaque agency ids. The city's figures are the gateway's (data.ts); its wards and
// one department get fixed shares of them. Wards exist from the 2025 reform on; before it, the
// city appears under the id its platform had for the old province.
import { randomBytes } from 'node:crypto';
import { isMonthPeriod, lastDay, type MonthPeriod } from '../../src/time/period.ts';
import { unitFigures } from './data.ts';

export const IGATE_REALM = 'dvc-sandbox';
export const IGATE_CLIENT_ID = 'dvc-monitor';
/** The sandbox's own secret: the demo and tests put it in IGATE_SANDBOX_CLIENT_SECRET. */
export const IGATE_SANDBOX_SECRET = 'sandbox-only-not-a-real-secret';
export const IGATE_TOKEN_PATH = `/igate/sso/realms/${IGATE_REALM}/protocol/openid-connect/token`;
export const IGATE_DOSSIER_PATH = '/igate/pa/dossier-statistic/by-agency';
export const IGATE_DIGITIZATION_PATH = '/igate/pa/kgg-digitize/digitization-by-agency';
export const IGATE_TOKEN_LIFETIME_S = 300;

export interface IgateAgency {
  id: string;
  name: string;
  /** Share of the city's figures. */
  share: number;
  /** The months the agency exists on the platform. */
  from?: MonthPeriod;
  until?: MonthPeriod;
}

export const IGATE_AGENCIES: readonly IgateAgency[] = [
  { id: '6401a0c2e3b94f1a2b3c4d00', name: 'UBND Thành phố Đà Nẵng (trước sắp xếp)', share: 1, until: '2025-06' },
  { id: '6401a0c2e3b94f1a2b3c4d01', name: 'UBND Thành phố Đà Nẵng', share: 1, from: '2025-07' },
  { id: '6401a0c2e3b94f1a2b3c4d02', name: 'Phường Hải Châu', share: 0.11, from: '2025-07' },
  { id: '6401a0c2e3b94f1a2b3c4d03', name: 'Phường Thanh Khê', share: 0.08, from: '2025-07' },
  { id: '6401a0c2e3b94f1a2b3c4d04', name: 'Phường Sơn Trà', share: 0.06, from: '2025-07' },
  { id: '65f0b7d1c9a84e2f3a4b5c99', name: 'Sở Tư pháp', share: 0.04 },
];

export interface IgateCounts {
  received: number;
  online: number;
  direct: number;
  postal: number;
  onTime: number;
  overdue: number;
  digitized: number;
  reused: number;
}

/** Each agency's figures for a month, in platform order; [] when the month has no data. */
export function igateFigures(seed: number, period: MonthPeriod, now: Date): Array<{ agency: IgateAgency; counts: IgateCounts }> {
  const city = unitFigures(seed, period, 'province', '48', now);
  if (!city) return [];
  const m = city.monthly;
  return IGATE_AGENCIES.filter((a) => (a.from === undefined || a.from <= period) && (a.until === undefined || period <= a.until)).map((agency) => {
    const part = (n: number) => Math.round(n * agency.share);
    // Channels are rounded one by one and the total is their sum, so they always add up.
    const [online, direct, postal] = [part(m.receivedOnline), part(m.receivedDirect), part(m.receivedPost)];
    return {
      agency,
      counts: {
        received: online + direct + postal, online, direct, postal,
        onTime: part(m.resolvedOnTime), overdue: part(m.resolvedLate), digitized: part(m.digitised), reused: part(m.reusingData),
      },
    };
  });
}

export interface IgateRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface IgateAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const json = (status: number, value: unknown, headers: Record<string, string> = {}): IgateAnswer =>
  ({ status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(value) });

/** The SSO and the API, with the tokens issued so far. */
export class IgateTwin {
  private readonly tokens = new Map<string, number>();

  constructor(private readonly data: { seed: number; now: Date }) {}

  token(req: IgateRequest): IgateAnswer {
    if (req.method !== 'POST') return json(405, { error: 'invalid_request', error_description: 'HTTP method not allowed' });
    const form = new URLSearchParams(req.body);
    let clientId = form.get('client_id');
    let secret = form.get('client_secret');
    const basic = /^Basic (.+)$/i.exec(String(req.headers.authorization ?? ''));
    if (basic) [clientId = null, secret = null] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
    if (form.get('grant_type') !== 'client_credentials') return json(400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
    if (clientId !== IGATE_CLIENT_ID || secret !== IGATE_SANDBOX_SECRET) {
      return json(401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' });
    }
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, Date.now() + IGATE_TOKEN_LIFETIME_S * 1000);
    return json(200, { access_token: token, expires_in: IGATE_TOKEN_LIFETIME_S, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0, scope: 'profile email' });
  }

  api(req: IgateRequest): IgateAnswer {
    const bearer = /^Bearer (.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
    const expiresAt = bearer === undefined ? undefined : this.tokens.get(bearer);
    if (expiresAt === undefined || expiresAt <= Date.now()) {
      return json(401, { error: 'invalid_token', error_description: 'Token verification failed' }, { 'www-authenticate': `Bearer realm="${IGATE_REALM}", error="invalid_token"` });
    }
    if (req.method !== 'GET') return json(405, { message: 'Method not allowed' });
    if (req.path !== IGATE_DOSSIER_PATH && req.path !== IGATE_DIGITIZATION_PATH) return json(404, { message: `No handler for ${req.path}` });
    const from = req.query.get('fromDate') ?? '';
    const to = req.query.get('toDate') ?? '';
    const period = from.slice(0, 7);
    if (!/^\d{4}-\d{2}-01$/.test(from) || !isMonthPeriod(period) || to !== lastDay(period)) {
      return json(400, { message: 'fromDate and toDate (yyyy-MM-dd) must be the first and last day of one month' });
    }
    const page = Number(req.query.get('page') ?? '0');
    const size = Number(req.query.get('size') ?? '20');
    if (!Number.isInteger(page) || page < 0 || !Number.isInteger(size) || size < 1 || size > 100) {
      return json(400, { message: 'page must be ≥ 0 and size between 1 and 100' });
    }
    const all = igateFigures(this.data.seed, period, this.data.now);
    const items = req.path === IGATE_DOSSIER_PATH
      ? all.map(({ agency, counts: c }) => ({
        agency: { id: agency.id, name: agency.name },
        received: { total: c.received, online: c.online, direct: c.direct, postal: c.postal },
        resolved: { onTime: c.onTime, overdue: c.overdue },
      }))
      : all.map(({ agency, counts: c }) => ({ agencyId: agency.id, agencyName: agency.name, digitized: c.digitized, reused: c.reused }));
    const content = items.slice(page * size, (page + 1) * size);
    const totalPages = Math.ceil(items.length / size);
    return json(200, {
      content, totalElements: items.length, totalPages, number: page, size, numberOfElements: content.length,
      first: page === 0, last: page + 1 >= totalPages, empty: content.length === 0,
    });
  }
}
