// The hard deadline every job of a run gets (src/run/deadline.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { JobDeadlineError, jobDeadlineMs, withDeadline } from '../../src/run/deadline.ts';

describe('withDeadline', () => {
  it('gives the work its outcome when it finishes in time', async () => {
    await expect(withDeadline(1000, async () => 'done')).resolves.toBe('done');
    await expect(withDeadline(1000, async () => { throw new Error('own failure'); })).rejects.toThrow('own failure');
  });

  it('aborts the signal at the deadline and ends as JobDeadlineError once the work let go', async () => {
    let stoppedAt = 0;
    const t0 = performance.now();
    const err = await withDeadline(100, (signal) => new Promise((_resolve, reject) => {
      signal.addEventListener('abort', () => {
        stoppedAt = performance.now() - t0;
        reject(signal.reason);
      });
    })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobDeadlineError);
    expect((err as JobDeadlineError).reason).toBe('timeout');
    expect(stoppedAt).toBeGreaterThanOrEqual(95);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it('does not wait more than the grace for work that ignores the signal', async () => {
    const t0 = performance.now();
    const err = await withDeadline(50, () => new Promise(() => {}), 200).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JobDeadlineError);
    const ms = performance.now() - t0;
    expect(ms).toBeGreaterThanOrEqual(240);
    expect(ms).toBeLessThan(2000);
  });

  it('keeps the outcome of work that finished before the deadline fired', async () => {
    await expect(withDeadline(200, async () => { await sleep(10); return 1; })).resolves.toBe(1);
  });
});

describe('jobDeadlineMs', () => {
  const sources = (extra: string) => parseConfig(`version: 1\nsources:\n${extra}`, 't.yaml', {}).config.sources;
  it('uses jobTimeoutMs, else the browser page timeout plus 30 s, else 10 minutes', () => {
    const [browser, explicit, gateway] = sources(`  - { id: a, kind: html-page, url: "https://x.example/{period}", render: browser, timeoutMs: 15000, agency: "tinh:01", selectors: { "#a": dossiers.received } }
  - { id: b, kind: html-page, url: "https://x.example/{period}", jobTimeoutMs: 5000, agency: "tinh:01", selectors: { "#a": dossiers.received } }
  - { id: c, kind: national-portal, url: "https://dichvucong.gov.vn/jsp/rest.jsp" }
`);
    expect(jobDeadlineMs(browser!)).toBe(45_000);
    expect(jobDeadlineMs(explicit!)).toBe(5000);
    expect(jobDeadlineMs(gateway!)).toBe(600_000);
  });
});
