// Incremental re-checks over workers (src/scale/previous.ts): what a page job offers and a worker
// takes, and a reuse a worker reports held against the store's visit.
import { describe, expect, it } from 'vitest';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import { accessibilityOf, type ReusableAccessibility } from '../../src/checks/incremental.ts';
import type { PageEvidence } from '../../src/checks/types.ts';
import { confirmReuse, offerPrevious, ReuseClaimError, takePrevious, type StoredLender } from '../../src/scale/previous.ts';

const URL_ = 'https://dichvucong.hanoi.gov.vn/';
const FP = 'a'.repeat(64);

function stored(): ReusableAccessibility {
  const e = emptyEvidence(URL_, 'home', new Date('2026-12-01T19:00:00Z'));
  const full: PageEvidence = { ...e, fingerprint: { sha256: FP, resources: 3, complete: true, missing: null }, axe: { version: '4.11.0', rules: [{ id: 'image-alt', impact: 'critical', outcome: 'violation', elements: [] }] as never, error: null } };
  return { checkId: 3, visitId: 11, collectedAt: '2026-12-01T19:00:00.000Z', fingerprint: FP, evidence: accessibilityOf(full), axeSha256: 'b'.repeat(64) };
}

/** A worker's visit of the page that claims to reuse visit 11, its accessibility fields as the worker wrote them. */
function claimed(over: Partial<PageEvidence> = {}): PageEvidence {
  const e = emptyEvidence(URL_, 'home', new Date('2026-12-02T19:00:00Z'));
  return {
    ...e, fingerprint: { sha256: FP, resources: 3, complete: true, missing: null }, axe: { version: '4.11.0', rules: [], error: null },
    accessibilityReused: { checkId: 3, visitId: 11, collectedAt: '2026-12-01T19:00:00.000Z', axeSha256: 'b'.repeat(64) }, ...over,
  };
}

const lender = (portalId: string | null = 'dvc-hanoi', url = URL_): StoredLender => (id) => (id === 11 ? { ...stored(), portalId, url } : null);

describe('previous accessibility evidence over the queue', () => {
  it('travels as ids and a blob hash, and comes back as it was stored', async () => {
    const blobs = new Map<string, Buffer>();
    const put = async (b: Buffer) => {
      const sha = `sha${blobs.size}`;
      blobs.set(sha, b);
      return sha;
    };
    const wire = await offerPrevious(() => stored(), { url: URL_, kind: 'home' }, put);
    expect(wire).toEqual({ checkId: 3, visitId: 11, collectedAt: '2026-12-01T19:00:00.000Z', fingerprint: FP, axeSha256: 'b'.repeat(64), evidence: 'sha0' });
    expect(await takePrevious(wire, async (sha) => blobs.get(sha) ?? null)).toEqual(stored());
    // Nothing to offer (full re-checks due, no complete check), or the blob gone: a full visit.
    expect(await offerPrevious(() => null, { url: URL_, kind: 'home' }, put)).toBeNull();
    expect(await offerPrevious(undefined, { url: URL_, kind: 'home' }, put)).toBeNull();
    expect(await takePrevious(wire, async () => null)).toBeNull();
    expect(await takePrevious(null, async () => blobs.get('sha0')!)).toBeNull();
  });

  it('stores the evidence of the visit a reuse names, and refuses a reuse the store does not back', () => {
    const fresh = { ...claimed(), accessibilityReused: null };
    expect(confirmReuse(fresh, { portalId: 'dvc-hanoi', url: URL_ }, lender())).toBe(fresh);
    // The worker's copy of the accessibility fields is replaced by the stored one.
    const kept = confirmReuse(claimed(), { portalId: 'dvc-hanoi', url: URL_ }, lender());
    expect(kept.axe).toEqual(stored().evidence.axe);
    expect(kept.accessibilityReused).toEqual({ checkId: 3, visitId: 11, collectedAt: '2026-12-01T19:00:00.000Z', axeSha256: 'b'.repeat(64) });
    expect(kept.startedAt).toBe(claimed().startedAt);
    const refused = (e: PageEvidence, l: StoredLender = lender()) => () => confirmReuse(e, { portalId: 'dvc-hanoi', url: URL_ }, l);
    expect(refused(claimed({ accessibilityReused: { checkId: 3, visitId: 12, collectedAt: '', axeSha256: null } }))).toThrow(/visit #12, which is not a stored visit/);
    expect(refused(claimed(), lender('dvc-danang'))).toThrow(ReuseClaimError);
    expect(refused(claimed(), lender('dvc-hanoi', `${URL_}thong-ke`))).toThrow(/is a visit of .*thong-ke/);
    expect(refused(claimed({ fingerprint: { sha256: 'c'.repeat(64), resources: 3, complete: true, missing: null } }))).toThrow(/another fingerprint/);
    expect(refused(claimed({ fingerprint: { sha256: FP, resources: 3, complete: false, missing: 'x' } }))).toThrow(/another fingerprint/);
    expect(refused(claimed({ accessibilityReused: { checkId: 4, visitId: 11, collectedAt: '', axeSha256: null } }))).toThrow(/check #3, not #4/);
  });
});
