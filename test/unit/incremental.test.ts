// Incremental re-checks: the period of full re-checks as configured, and which stored visits
// may lend their accessibility evidence (only complete ones, never a reuse of a reuse).
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.ts';
import { emptyEvidence } from '../../src/checks/evidence/visit.ts';
import { accessibilityOf, isReusable, parseRecheckPeriod } from '../../src/checks/incremental.ts';
import type { PageEvidence } from '../../src/checks/types.ts';

const config = (every: string) => `version: 1
sources:
  - { id: gateway, kind: national-portal, url: "https://dichvucong.gov.vn/jsp/rest.jsp" }
portals:
  - { id: dvc-hanoi, agency: "tinh:01", name: Hà Nội, url: "https://dichvucong.hanoi.gov.vn/" }
checks:
  fullRecheckEvery: "${every}"
`;

function complete(): PageEvidence {
  const e = emptyEvidence('https://a.example/', 'home', new Date('2026-12-01T19:00:00Z'));
  return { ...e, fingerprint: { sha256: 'f'.repeat(64), resources: 3, complete: true, missing: null }, axe: { version: '4.11.0', rules: [], error: null } };
}

describe('incremental re-checks', () => {
  it('reads the period of full re-checks', () => {
    expect(parseRecheckPeriod('7d')).toBe(7 * 86_400_000);
    expect(parseRecheckPeriod('36h')).toBe(36 * 3_600_000);
    expect(parseRecheckPeriod('0')).toBe(0);
    expect(parseRecheckPeriod('7')).toBeNull();
    expect(parseRecheckPeriod('a week')).toBeNull();
    expect(parseConfig(config('7d'), 'c.yaml', {}).config.checks?.fullRecheckEvery).toBe('7d');
    expect(parseConfig(config('7d').replace(/ {2}fullRecheckEvery.*\n/, '  areas: [privacy]\n'), 'c.yaml', {}).config.checks?.fullRecheckEvery).toBe('7d');
    try {
      parseConfig(config('weekly'), 'c.yaml', {});
      expect.unreachable('"weekly" should be refused');
    } catch (err) {
      expect((err as ConfigError).problems.join('\n')).toMatch(/checks\.fullRecheckEvery.*"7d".*"36h".*"0"/);
    }
  });

  it('lends only complete accessibility evidence, collected in the visit itself', () => {
    expect(isReusable(complete())).toBe(true);
    expect(isReusable({ ...complete(), error: { reason: 'timeout', message: 'late' } })).toBe(false);
    expect(isReusable({ ...complete(), fingerprint: { sha256: 'f'.repeat(64), resources: 3, complete: false, missing: 'the body of x could not be read' } })).toBe(false);
    expect(isReusable({ ...complete(), fingerprint: null })).toBe(false);
    expect(isReusable({ ...complete(), axe: { version: '4.11.0', rules: [], error: 'axe failed' } })).toBe(false);
    expect(isReusable({ ...complete(), probeErrors: [{ probe: 'keyboard', message: 'gone' }] })).toBe(false);
    expect(isReusable({ ...complete(), accessibilityReused: { checkId: 1, visitId: 2, collectedAt: '2026-11-30T19:00:00Z', axeSha256: null } })).toBe(false);
    const lent = accessibilityOf(complete());
    expect(Object.keys(lent).sort()).toEqual(['axe', 'crops', 'interaction', 'keyboard', 'probeErrors', 'reflow', 'resizeText', 'textSpacing']);
  });
});
