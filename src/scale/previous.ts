// Incremental re-checks over scale-out workers (src/checks/incremental.ts). The coordinator, which
// alone holds the store, looks up each page's last complete accessibility evidence exactly as the
// single process does (previousFromStore: `--full` and checks.fullRecheckEvery included) and
// offers it with the page job: the ids and the fingerprint in the job, the evidence itself as a
// blob named by its SHA-256 (jobs stay small; messages.ts). The worker reuses it only when the
// page's fingerprint is the same; a blob gone from Redis means a full visit, never a failure.
// A reuse the worker reports is held against the store: the visit it names must be this page's,
// still lendable, with the fingerprint the worker found, and the evidence stored for that visit
// replaces whatever came back over the wire, so a reused verdict is the stored one byte for byte.
import type { PreviousLookup } from '../checks/checker.ts';
import type { AccessibilityEvidence, ReusableAccessibility } from '../checks/incremental.ts';
import type { PageEvidence, PageKind } from '../checks/types.ts';

/** A page's reusable accessibility evidence as a page job carries it: its evidence by blob hash. */
export interface WirePrevious {
  checkId: number;
  visitId: number;
  collectedAt: string;
  fingerprint: string;
  axeSha256: string | null;
  /** SHA-256 of the accessibility evidence (JSON), a blob in Redis. */
  evidence: string;
}

/** What the coordinator offers a page job: null when nothing may be reused (or full re-checks are due). */
export async function offerPrevious(lookup: PreviousLookup | undefined, page: { url: string; kind: PageKind }, putBlob: (body: Buffer) => Promise<string>): Promise<WirePrevious | null> {
  const p = lookup?.(page);
  if (!p) return null;
  const evidence = await putBlob(Buffer.from(JSON.stringify(p.evidence)));
  return { checkId: p.checkId, visitId: p.visitId, collectedAt: p.collectedAt, fingerprint: p.fingerprint, axeSha256: p.axeSha256, evidence };
}

/** The worker's side: the offered evidence, or null (nothing offered, or its blob gone: the page is checked in full). */
export async function takePrevious(wire: WirePrevious | null | undefined, getBlob: (sha: string) => Promise<Buffer | null>): Promise<ReusableAccessibility | null> {
  if (!wire) return null;
  const body = await getBlob(wire.evidence);
  if (!body) return null;
  return {
    checkId: wire.checkId, visitId: wire.visitId, collectedAt: wire.collectedAt, fingerprint: wire.fingerprint, axeSha256: wire.axeSha256,
    evidence: JSON.parse(body.toString('utf8')) as AccessibilityEvidence,
  };
}

/** A worker reported a reuse the store does not back: the check fails by name rather than store it. */
export class ReuseClaimError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReuseClaimError';
  }
}

export type StoredLender = (visitId: number) => (ReusableAccessibility & { portalId: string | null; url: string }) | null;

/**
 * A visit's evidence as the coordinator stores it: unchanged without a reuse; with one, the reuse
 * checked against the store (see the top of this file) and the accessibility evidence the store holds.
 */
export function confirmReuse(evidence: PageEvidence, page: { portalId: string | null; url: string }, stored: StoredLender): PageEvidence {
  const claim = evidence.accessibilityReused;
  if (!claim) return evidence;
  const lent = stored(claim.visitId);
  const problem = !lent ? 'is not a stored visit whose accessibility evidence may be reused'
    : lent.portalId !== page.portalId || lent.url !== page.url ? `is a visit of ${lent.url} (${lent.portalId ?? 'no portal'}), not of ${page.url}`
      : !evidence.fingerprint?.complete || evidence.fingerprint.sha256 !== lent.fingerprint ? 'has another fingerprint than the page the worker visited'
        : lent.checkId !== claim.checkId ? `belongs to check #${lent.checkId}, not #${claim.checkId}`
          : null;
  if (problem) throw new ReuseClaimError(`the worker reports accessibility evidence of ${page.url} reused from visit #${claim.visitId}, which ${problem}`);
  return {
    ...evidence, ...structuredClone(lent!.evidence),
    accessibilityReused: { checkId: lent!.checkId, visitId: lent!.visitId, collectedAt: lent!.collectedAt, axeSha256: lent!.axeSha256 },
  };
}
