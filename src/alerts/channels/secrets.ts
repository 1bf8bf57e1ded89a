// Channel secrets: webhook URLs with tokens in their path, bot tokens, HMAC secrets, SMTP
// credentials. Read from the environment trimmed (a secret mounted from a file ends with a
// newline) and checked for their shape, never echoed in an error; and redacted from every
// message in every form they can take there: as configured, as a URL parser normalises it
// ("HTTP://Host/…" → "http://host/…"), its path alone (a receiver answering "Cannot POST
// /hook/…/TOKEN"), each path segment and query value, percent-encoded or decoded, and with
// slashes escaped as JSON encoders write them ("\/hook\/TOKEN").
import { ChannelError } from './errors.ts';

export type SecretKind = 'url' | 'token' | 'password' | 'text';

const FIELD_KIND: Record<string, SecretKind> = { urlEnv: 'url', tokenEnv: 'token', secretEnv: 'text', userEnv: 'text', passwordEnv: 'password' };

/** Surrounding white space goes (a newline from a mounted secret file); a password keeps its spaces and loses only a final line break. */
export function cleanSecret(value: string, kind: SecretKind): string {
  return kind === 'password' ? value.replace(/\r?\n$/, '') : value.trim();
}

/** Why a secret of this kind is malformed (without ever quoting it), or null. */
export function secretProblem(value: string, kind: SecretKind): string | null {
  if (value === '') return 'is empty';
  if (kind !== 'password' && /[\s\u0000-\u001f\u007f]/.test(value)) return 'contains white space or a control character inside it';
  if (kind === 'url') {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return 'is not a URL';
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return `is not an http(s) URL (scheme ${url.protocol})`;
  }
  if (kind === 'token' && value.includes('/')) return 'contains "/", which a bot token never does';
  return null;
}

/** A channel's secret from the environment variable its configuration names: trimmed and checked, or a ChannelError naming the variable. */
export function secretFrom(env: NodeJS.ProcessEnv, channelId: string, field: string, name: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') {
    throw new ChannelError(`channel ${channelId}: ${field} names the environment variable ${name}, which is not set. Fix: export ${name}=… for the service`, false);
  }
  const kind = FIELD_KIND[field] ?? 'text';
  const value = cleanSecret(raw, kind);
  const problem = secretProblem(value, kind);
  if (problem) throw new ChannelError(`channel ${channelId}: the value of ${name} (${field}) ${problem}. Fix: set ${name} to the ${kind === 'url' ? 'whole https:// address the service gave you' : 'secret exactly as issued'}`, false);
  return value;
}

/** Shorter pieces of a URL are redacted only from this length: "hook" or "api" alone are not secrets. */
const MIN_PIECE = 6;
/** A whole secret is redacted from this length (shorter ones would blank out ordinary words). */
const MIN_SECRET = 4;

function decoded(text: string): string | null {
  try {
    const d = decodeURIComponent(text);
    return d === text ? null : d;
  } catch {
    return null;
  }
}

/** Every form a secret may take in an error message, a log line or an echoed body. */
export function secretForms(secret: string): string[] {
  const base = secret.trim();
  if (base.length < MIN_SECRET) return [];
  const forms = new Set<string>([secret, base]);
  let url: URL | null = null;
  try {
    url = /^[a-z][a-z0-9+.-]*:\/\//i.test(base) ? new URL(base) : null;
  } catch {
    url = null;
  }
  if (url) {
    const pathAndQuery = `${url.pathname}${url.search}`;
    for (const f of [url.href, url.href.replace(/\/$/, ''), `${url.host}${pathAndQuery}`, pathAndQuery, url.pathname, url.search.slice(1)]) forms.add(f);
    for (const segment of url.pathname.split('/')) forms.add(segment);
    for (const [key, value] of url.searchParams) {
      forms.add(value);
      forms.add(`${key}=${value}`);
    }
    if (url.username) forms.add(url.username);
    if (url.password) forms.add(url.password);
  } else {
    // A bot token "123456:AAE…": its secret half may show alone.
    for (const part of base.split(/[:@]/)) forms.add(part);
  }
  const all = new Set<string>();
  for (const f of forms) {
    for (const g of [f, encodeURIComponent(f), encodeURI(f), decoded(f)]) {
      if (!g) continue;
      all.add(g);
      all.add(g.replace(/\//g, '\\/'));
    }
  }
  const isWhole = (f: string) => f === secret || f === base;
  return [...all].filter((f) => f.length >= (isWhole(f) ? MIN_SECRET : MIN_PIECE) && f !== '/').sort((a, b) => b.length - a.length);
}

/** Replaces every form of every secret in a text, longest first, before it is stored, logged or printed. */
export function redact(text: string, secrets: ReadonlyArray<string | undefined>): string {
  const forms = [...new Set(secrets.flatMap((s) => (s ? secretForms(s) : [])))].sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join('[redacted]');
  return out;
}
