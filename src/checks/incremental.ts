// Incremental nightly re-checks: most pages do not change from one night to the next. When a
// page's fingerprint (its rendered DOM, the hashes of its resources, the tool, axe-core,
// criteria and browser versions: evidence/fingerprint.ts) equals that of its last complete
// check, its accessibility evidence (axe, probes, crops) is reused as it was and judged again
// by the same criteria, so the verdicts are those of that check; each visit records which one.
// Privacy evidence is always collected afresh (requests, cookies, storage, headers, TLS,
// behaviour), as is everything a page can change without its DOM changing. `--full` and the
// periodic full re-check (checks.fullRecheckEvery, a week by default) check every page in full.
import type { PageEvidence } from './types.ts';

/** The evidence fields the accessibility part of a visit writes (axe, the probes, the crops). */
export const ACCESSIBILITY_FIELDS = ['axe', 'keyboard', 'textSpacing', 'resizeText', 'reflow', 'interaction', 'crops', 'probeErrors'] as const;
export type AccessibilityEvidence = Pick<PageEvidence, (typeof ACCESSIBILITY_FIELDS)[number]>;

/** An earlier complete visit of a page whose accessibility evidence a visit may reuse. */
export interface ReusableAccessibility {
  checkId: number;
  visitId: number;
  /** When that visit started (UTC ISO). */
  collectedAt: string;
  fingerprint: string;
  evidence: AccessibilityEvidence;
  axeSha256: string | null;
}

/** Whether a stored visit's accessibility evidence is complete enough to be reused: collected in full, nothing failed. */
export function isReusable(e: PageEvidence): boolean {
  return !e.error && !e.accessibilityReused && Boolean(e.fingerprint?.complete) && Boolean(e.axe) && !e.axe!.error && e.probeErrors.length === 0;
}

export function accessibilityOf(e: PageEvidence): AccessibilityEvidence {
  return Object.fromEntries(ACCESSIBILITY_FIELDS.map((k) => [k, e[k]])) as unknown as AccessibilityEvidence;
}

/** "7d", "36h", "0" (every night in full): the period of full re-checks, in milliseconds. */
export function parseRecheckPeriod(text: string): number | null {
  const m = /^(\d+)\s*([dh]?)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'h' ? n * 3_600_000 : n === 0 ? 0 : m[2] === 'd' ? n * 86_400_000 : null;
}
