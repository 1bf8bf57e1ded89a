// Which Host headers the dashboard answers. A page on an attacker's site can rebind its own
// name to 127.0.0.1 (DNS rebinding) and then read the dashboard's API from an operator's
// browser as same-origin: the only thing that gives it away is the Host header, which still
// carries the attacker's name. So the dashboard answers only to the names it is reached by —
// server.allowedHosts, the host of alerts.linkBase, the address it is bound to (and localhost
// when that is a loopback address) — and answers 421 Misdirected Request to any other.
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface HostRule {
  /** Lower case, IPv6 in brackets. */
  name: string;
  /** null: any port. */
  port: number | null;
}

/** "name", "name:port", "[v6]" or "[v6]:port" → rule; null when it is none of those. */
export function parseHost(text: string): HostRule | null {
  const m = /^(\[[0-9a-f:.]+\]|[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?)(?::(\d{1,5}))?$/i.exec(text.trim());
  if (!m) return null;
  const port = m[2] === undefined ? null : Number(m[2]);
  if (port !== null && (port < 1 || port > 65535)) return null;
  return { name: m[1]!.toLowerCase().replace(/\.$/, ''), port };
}

const bracket = (address: string) => (address.includes(':') ? `[${address}]` : address);
const isLoopback = (address: string) => address === '::1' || address.startsWith('127.');

export function allowedHosts(opts: { configured: readonly string[]; linkBase: string; bound: AddressInfo }): HostRule[] {
  const rules: HostRule[] = opts.configured.flatMap((h) => parseHost(h) ?? []);
  const link = new URL(opts.linkBase);
  rules.push({ name: link.hostname.toLowerCase(), port: link.port ? Number(link.port) : null });
  const { address, port } = opts.bound;
  const anyInterface = address === '0.0.0.0' || address === '::';
  const addresses = anyInterface
    ? Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))
    : [address];
  for (const a of addresses) rules.push({ name: bracket(a).toLowerCase(), port });
  if (anyInterface || isLoopback(address)) rules.push({ name: 'localhost', port });
  return rules;
}

/** Whether a request's Host header names this dashboard (a missing or malformed one never does). */
export function hostAllowed(header: string | undefined, rules: readonly HostRule[]): boolean {
  if (header === undefined) return false;
  const host = parseHost(header);
  if (!host) return false;
  const port = host.port ?? 80;
  return rules.some((r) => r.name === host.name && (r.port === null || r.port === port));
}
