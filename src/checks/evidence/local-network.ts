// A checked page must not reach the monitoring host's own services (the dashboard, a queue
// server: any 127.0.0.1 port), cloud metadata (169.254.169.254) or the local network. Chromium's
// Local Network Access already refuses a public page's subresources, frames, sockets and beacons
// to more private addresses (we keep it on and record what it refused); what it lets through is a
// page moving the whole tab there, so documents are checked here before they are requested,
// and a document that turns out to have been answered from such an address ends the visit
// (a name that resolved there). A portal that itself lives on such an address (the sandbox, an
// intranet portal) may of course reach its own kind.
import { isIP } from 'node:net';
import type { ProtocolSession } from './targets.ts';

export type AddressSpace = 'public' | 'private' | 'loopback';

const RANK: Record<AddressSpace, number> = { public: 0, private: 1, loopback: 2 };

function ipv4Space(ip: string): AddressSpace {
  const [a = 0, b = 0] = ip.split('.').map(Number);
  if (a === 127 || a === 0) return 'loopback';
  // RFC 1918, link-local (cloud metadata), carrier-grade NAT, benchmarking.
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127) || (a === 198 && (b === 18 || b === 19))) return 'private';
  return 'public';
}

/** The address space of an IP address (v4 or v6), as Local Network Access ranks them. */
export function addressSpace(ip: string): AddressSpace {
  const bare = ip.replace(/^\[|\]$/g, '').toLowerCase();
  if (isIP(bare) === 4) return ipv4Space(bare);
  if (isIP(bare) !== 6) return 'public';
  if (bare === '::1' || bare === '::') return 'loopback';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return ipv4Space(mapped[1]!);
  // Unique local fc00::/7 and link-local fe80::/10.
  if (/^f[cd]/.test(bare) || /^fe[89ab]/.test(bare)) return 'private';
  return 'public';
}

/** The space an address names by itself (an IP literal, localhost), or null for a name DNS must answer. */
export function literalSpace(url: string): AddressSpace | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const bare = host.replace(/^\[|\]$/g, '');
  return isIP(bare) ? addressSpace(bare) : null;
}

/** More private than the page's own: a request from `from` to `to` is refused. */
export const morePrivate = (to: AddressSpace, from: AddressSpace) => RANK[to] > RANK[from];

/** Chromium's way of saying Local Network Access refused a request. */
export const isLocalNetworkRefusal = (errorText: string | undefined, corsError: string | undefined) =>
  /LOCAL_NETWORK_ACCESS/.test(errorText ?? '') || /^LocalNetworkAccess/.test(corsError ?? '');

/**
 * Where the portal itself lives: the address asked for when it names one (an IP, localhost),
 * else the address its first document was answered from. `publicAddresses` ("ip:port") stand for
 * public portals though they answer locally (the sandbox). Until known, public: the strictest.
 */
export class PortalSpace {
  private known: AddressSpace | null;

  constructor(url: string, private readonly publicAddresses: readonly string[], private readonly firstAnswer: () => string | undefined) {
    const u = new URL(url);
    const port = u.port || (u.protocol === 'https:' ? '443' : '80');
    const literal = literalSpace(url);
    this.known = literal && this.isPublic(`${u.hostname.replace(/^\[|\]$/g, '')}:${port}`) ? 'public' : literal;
  }

  private isPublic(address: string): boolean {
    return this.publicAddresses.includes(address) || this.publicAddresses.includes(address.replace(/^(.*):(\d+)$/, '[$1]:$2'));
  }

  /** The space of an answering address ("ip:port"), publicAddresses counted as public. */
  spaceOf(address: string): AddressSpace {
    return this.isPublic(address) ? 'public' : addressSpace(address.replace(/:\d+$/, ''));
  }

  get(): AddressSpace {
    if (!this.known) {
      const answer = this.firstAnswer();
      if (answer) this.known = this.spaceOf(answer);
    }
    return this.known ?? 'public';
  }
}

export interface BlockedDocument {
  url: string;
  space: AddressSpace;
  /** The page itself was moving there (a frame's document otherwise). */
  mainFrame: boolean;
}

/**
 * Refuses documents (the page's own moves, its frames' navigations) to addresses more private
 * than the portal's, before they are requested. `portalSpace()` is known once the first
 * document answered; until then only the address asked for is requested.
 */
export class DocumentGuard {
  readonly blocked: BlockedDocument[] = [];

  constructor(private readonly session: ProtocolSession, private readonly portalSpace: () => AddressSpace) {}

  async install(): Promise<void> {
    // The main frame's id is its target's.
    const { targetInfo } = (await this.session.send('Target.getTargetInfo')) as { targetInfo: { targetId: string } };
    this.session.on('Fetch.requestPaused', (e: { requestId: string; frameId?: string; request: { url: string } }) => {
      const space = literalSpace(e.request.url);
      if (space && morePrivate(space, this.portalSpace())) {
        if (this.blocked.length < 50) this.blocked.push({ url: e.request.url.slice(0, 500), space, mainFrame: e.frameId === targetInfo.targetId });
        void this.session.send('Fetch.failRequest', { requestId: e.requestId, errorReason: 'BlockedByClient' }).catch(() => {});
        return;
      }
      void this.session.send('Fetch.continueRequest', { requestId: e.requestId }).catch(() => {});
    });
    await this.session.send('Fetch.enable', { patterns: [{ urlPattern: '*', resourceType: 'Document', requestStage: 'Request' }] });
  }
}
