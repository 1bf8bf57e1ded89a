// The second half of `npm run bench -- privacy-accuracy`: how complete the privacy evidence
// is. One page makes every kind of request from every kind of context (evidence-fixtures.ts);
// the sandbox's server says what it was asked for, the visit's evidence what we recorded.
// Figures: requests seen by the server and found in the evidence, and found in the right frame.
import { EVIDENCE_HOSTS, EVIDENCE_PAGE } from '../../sandbox/evidence-fixtures.ts';
import { startSandbox } from '../../sandbox/server.ts';
import { hostResolverRules, TLS_SPKI_SHA256 } from '../../sandbox/hosts.ts';
import { Checker, DEFAULT_CHECK_SETTINGS } from '../../../src/checks/checker.ts';

export interface CompletenessFigures {
  seen: number;
  found: number;
  rightFrame: number;
  missing: string[];
  wrongFrame: string[];
}

const FRAME_OF: Record<string, number> = { top: 0, k1: 1, k2: 2 };

export async function evidenceCompleteness(visits = 3): Promise<CompletenessFigures> {
  const sandbox = await startSandbox();
  const checker = new Checker({ ...DEFAULT_CHECK_SETTINGS, pageTimeoutMs: 30_000, hostResolverRules: hostResolverRules(sandbox.port), trustedCertificateSpki: [TLS_SPKI_SHA256], publicAddresses: [`127.0.0.1:${sandbox.port}`] });
  const figures: CompletenessFigures = { seen: 0, found: 0, rightFrame: 0, missing: [], wrongFrame: [] };
  try {
    for (let v = 0; v < visits; v++) {
      const before = sandbox.publicRequests().length;
      const { evidence } = await checker.visit(`https://${EVIDENCE_HOSTS.top}${EVIDENCE_PAGE}`, 'other', EVIDENCE_HOSTS.top, ['privacy']);
      if (evidence.error) throw new Error(`the visit failed: ${evidence.error.message}`);
      const seen = sandbox.publicRequests().slice(before).filter((r) => r.path.startsWith('/bang-chung/'));
      for (const r of seen) {
        figures.seen++;
        const record = evidence.requests.find((x) => x.url === `https://${r.host}${r.path}` || x.url === `wss://${r.host}${r.path}`);
        if (!record) {
          figures.missing.push(`${r.method} ${r.host}${r.path}`);
          continue;
        }
        figures.found++;
        // Documents by their page; resources and sockets by the frame their path names (top-, k1-, k2-, ?from=).
        const who = /\/r\/(top|k1|k2)-|[?&]from=(top|k1|k2)/.exec(r.path)?.slice(1).find(Boolean);
        const expected = who ? FRAME_OF[who] : evidence.frames.findIndex((f) => f.url === record.url);
        if (record.frame === expected) figures.rightFrame++;
        else figures.wrongFrame.push(`${r.host}${r.path}: frame ${record.frame}, expected ${expected}`);
      }
    }
  } finally {
    await checker.close();
    await sandbox.close();
  }
  return figures;
}

export function printCompleteness(f: CompletenessFigures): void {
  const pct = (n: number) => (f.seen ? ((100 * n) / f.seen).toFixed(1) : '0.0');
  console.log('\n== Evidence completeness: every kind of request from every kind of context ==');
  console.log(`requests the server saw: ${f.seen}`);
  console.log(`in the evidence:         ${f.found} (${pct(f.found)}%)   target 100%`);
  console.log(`in the right frame:      ${f.rightFrame} (${pct(f.rightFrame)}%)`);
  const unique = (xs: string[]) => [...new Set(xs)];
  if (f.missing.length) console.log(`missing (${f.missing.length}):\n  ${unique(f.missing).join('\n  ')}`);
  if (f.wrongFrame.length) console.log(`wrong frame (${f.wrongFrame.length}):\n  ${unique(f.wrongFrame).join('\n  ')}`);
}
