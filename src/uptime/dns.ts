// Name resolution for probes, with the one question that matters for uptime: when a name does
// not resolve, is it the portal's DNS (DOWN) or ours (UNKNOWN, never counted against the portal)?
//
// An authoritative "no such name" (NXDOMAIN, no address) is the portal's. A resolver that times
// out, refuses or fails (SERVFAIL, EAI_AGAIN) may be either: then the canary names are resolved
// with the same resolver. If one resolves, our resolver works and the failure is the portal's;
// if none does (or no canary is configured), the failure is ours.
import dns from 'node:dns';

export type DnsVerdict = 'dns' | 'local_dns';

export class DnsFailure extends Error {
  constructor(readonly reason: DnsVerdict, readonly code: string, hostname: string) {
    super(`${reason === 'dns' ? 'the name does not resolve' : 'our resolver failed'}: ${hostname} (${code})`);
    this.name = 'DnsFailure';
  }
}

export interface ResolverOptions {
  /** DNS servers ("1.2.3.4" or "1.2.3.4:53"); empty = the system resolver (getaddrinfo, /etc/hosts). */
  servers?: readonly string[];
  /** Names that always resolve when our resolver works (e.g. "gov.vn"). */
  canaries?: readonly string[];
  timeoutMs?: number;
}

export interface Resolver {
  /** One address for the name (IPv4 preferred), or a DnsFailure. */
  resolve(hostname: string): Promise<string>;
}

// Answers that say the name itself has no address: the portal's DNS is at fault.
const AUTHORITATIVE = new Set(['ENOTFOUND', 'ENODATA', 'EAI_NONAME', 'EAI_NODATA', 'NXDOMAIN']);
const CANARY_TTL_MS = 30_000;

export function createResolver(options: ResolverOptions = {}): Resolver {
  const servers = options.servers ?? [];
  const canaries = options.canaries ?? [];
  let aresResolver: dns.promises.Resolver | null = null;
  if (servers.length > 0) {
    aresResolver = new dns.promises.Resolver({ timeout: options.timeoutMs ?? 2000, tries: 2 });
    aresResolver.setServers([...servers]);
  }

  async function lookup(hostname: string): Promise<string> {
    if (aresResolver) {
      try {
        return (await aresResolver.resolve4(hostname))[0]!;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENODATA') throw err;
        return (await aresResolver.resolve6(hostname))[0]!;
      }
    }
    const all = await dns.promises.lookup(hostname, { all: true });
    const v4 = all.find((a) => a.family === 4);
    return (v4 ?? all[0]!).address;
  }

  // One canary verdict at a time, reused for a while: a resolver outage must not multiply lookups.
  let canaryVerdict: { at: number; works: Promise<boolean> } | null = null;
  function resolverWorks(): Promise<boolean> {
    if (canaries.length === 0) return Promise.resolve(false);
    const now = Date.now();
    if (!canaryVerdict || now - canaryVerdict.at > CANARY_TTL_MS) {
      canaryVerdict = {
        at: now,
        works: Promise.any(canaries.map((name) => lookup(name))).then(() => true, () => false),
      };
    }
    return canaryVerdict.works;
  }

  return {
    async resolve(hostname) {
      try {
        return await lookup(hostname);
      } catch (err) {
        const code = String((err as NodeJS.ErrnoException).code ?? 'EUNKNOWN');
        if (AUTHORITATIVE.has(code)) throw new DnsFailure('dns', code, hostname);
        throw new DnsFailure((await resolverWorks()) ? 'dns' : 'local_dns', code, hostname);
      }
    },
  };
}
