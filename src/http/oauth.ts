// OAuth2 client-credentials tokens (RFC 6749 §4.4) from a Keycloak-compatible token endpoint,
// for the provincial platforms' APIs. The client secret and the tokens never leave memory:
// they are not logged, and a failed exchange is kept as evidence only with the secret removed.
// A successful exchange is not kept at all (its body is a bearer token).
import type { RawPayload } from '../../collectors/types.ts';
import { HttpFailure, type HttpClient, type HttpResponse } from './client.ts';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string | undefined;
}

export class AuthFailure extends Error {
  constructor(
    readonly reason: 'auth_rejected' | 'auth_unavailable',
    message: string,
    /** The failed exchange, secret removed, to keep as evidence; absent when nothing came back. */
    readonly evidence?: RawPayload,
  ) {
    super(message);
    this.name = 'AuthFailure';
  }
}

/** Tokens are renewed this long before they expire: 10% of their life, at most 30 s. */
const renewalMargin = (lifetimeMs: number) => Math.min(30_000, lifetimeMs / 10);
/** When the endpoint does not say how long a token lives. */
const DEFAULT_LIFETIME_S = 60;

export class ClientCredentialsToken {
  private current: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly credentials: ClientCredentials,
    private readonly now: () => number = Date.now,
  ) {}

  /** A token that is not about to expire; concurrent callers share one exchange. */
  get(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.exchange().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forgets a token the API refused (HTTP 401), so that the next get() asks for a new one. */
  invalidate(token: string): void {
    if (this.current?.token === token) this.current = null;
  }

  private async exchange(): Promise<string> {
    const { tokenUrl, clientId, clientSecret, scope } = this.credentials;
    const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    if (scope) form.set('scope', scope);
    const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    const startedAt = this.now();
    let response: HttpResponse;
    try {
      response = await this.http.request({ method: 'POST', url: tokenUrl, headers, body: form.toString() });
    } catch (err) {
      if (!(err instanceof HttpFailure)) throw err;
      throw new AuthFailure('auth_unavailable', `the token endpoint ${tokenUrl} could not be reached: ${err.reason}`);
    }
    const evidence = (): RawPayload => {
      form.set('client_secret', '[redacted]');
      return { request: { method: 'POST', url: tokenUrl, headers, body: form.toString() }, response: { ...response, body: scrub(response.body, clientSecret) } };
    };
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new AuthFailure('auth_rejected', `the token endpoint refused client "${clientId}" (HTTP ${response.status}${oauthError(response.body)}). Fix: check the client id and the secret in its environment variable`, evidence());
    }
    if (response.status !== 200) {
      throw new AuthFailure('auth_unavailable', `the token endpoint ${tokenUrl} answered HTTP ${response.status}`, evidence());
    }
    let answer: { access_token?: unknown; expires_in?: unknown };
    try {
      answer = JSON.parse(response.body.toString('utf8')) as typeof answer;
    } catch {
      throw new AuthFailure('auth_unavailable', `the token endpoint ${tokenUrl} answered something that is not JSON`, evidence());
    }
    if (typeof answer?.access_token !== 'string' || answer.access_token === '') {
      throw new AuthFailure('auth_unavailable', `the token endpoint ${tokenUrl} answered without an access_token`, evidence());
    }
    const lifetimeS = Number(answer.expires_in);
    const lifetimeMs = (Number.isFinite(lifetimeS) && lifetimeS > 0 ? lifetimeS : DEFAULT_LIFETIME_S) * 1000;
    this.current = { token: answer.access_token, renewAt: startedAt + lifetimeMs - renewalMargin(lifetimeMs) };
    return answer.access_token;
  }
}

/** The OAuth error code and description, bounded (they are untrusted text). */
function oauthError(body: Buffer): string {
  try {
    const { error, error_description: description } = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    if (typeof error !== 'string') return '';
    return `: ${error.slice(0, 60)}${typeof description === 'string' ? ` — ${description.slice(0, 160)}` : ''}`;
  } catch {
    return '';
  }
}

/** The body with every occurrence of the secret replaced, should a server ever echo it. */
function scrub(body: Buffer, secret: string): Buffer {
  if (secret === '' || !body.includes(secret)) return body;
  return Buffer.from(body.toString('utf8').split(secret).join('[redacted]'), 'utf8');
}
