// The run's progress bar and the command it prints to resume an interrupted run.
import { describe, expect, it } from 'vitest';
import { resumeCommand } from '../../src/cli/commands/run.ts';
import { createProgress, formatClock, progressLine } from '../../src/cli/progress.ts';

describe('progress bar', () => {
  it('formats elapsed and remaining time as a clock', () => {
    expect(formatClock(0)).toBe('0:00');
    expect(formatClock(75_000)).toBe('1:15');
    expect(formatClock(3_725_000)).toBe('1:02:05');
  });

  it('estimates the time left from the pace so far, once a job is done, and names the job in hand', () => {
    expect(progressLine({ done: 0, total: 40, label: 'gateway/2026-10', elapsedMs: 5_000 }, 'vi', 10)).toBe('[░░░░░░░░░░] 0/40 · 0:05 · gateway/2026-10');
    // 10 jobs in 50 s: 30 left take about 150 s.
    expect(progressLine({ done: 10, total: 40, label: 'gateway/2026-10', elapsedMs: 50_000 }, 'vi', 10)).toBe('[███░░░░░░░] 10/40 · 0:50 · còn khoảng 2:30 · gateway/2026-10');
    expect(progressLine({ done: 10, total: 40, label: 'x', elapsedMs: 50_000 }, 'en', 10)).toBe('[███░░░░░░░] 10/40 · 0:50 · about 2:30 left · x');
    expect(progressLine({ done: 40, total: 40, label: 'x', elapsedMs: 200_000 }, 'en', 10)).toBe('[██████████] 40/40 · 3:20 · x');
  });

  it('draws on a terminal only, and clears its line when stopped, drawing nothing after', () => {
    const written: string[] = [];
    const tty = { isTTY: true, columns: 120, write: (s: string) => (written.push(s), true) } as unknown as NodeJS.WriteStream;
    let now = 0;
    const p = createProgress({ lang: 'vi', stream: tty, now: () => now });
    now = 2000;
    p.update(1, 4, 'a');
    expect(written.at(-1)).toBe('\r\x1b[2K[██████░░░░░░░░░░░░░░░░░░] 1/4 · 0:02 · còn khoảng 0:06 · a');
    p.stop();
    expect(written.at(-1)).toBe('\r\x1b[2K');
    p.update(2, 4, 'b');
    expect(written).toHaveLength(2);
    const pipe = { isTTY: false, write: () => { throw new Error('must not write to a pipe'); } } as unknown as NodeJS.WriteStream;
    const silent = createProgress({ lang: 'vi', stream: pipe });
    silent.update(1, 2, 'x');
    silent.stop();
  });
});

describe('resume command', () => {
  it('is the command as typed, quoted for a shell where needed', () => {
    expect(resumeCommand(['node', 'bin', 'run', '--from', '2025-03', '--config', '/tmp/a b/c.yaml', "--db", "it's.sqlite"]))
      .toBe(`dvc-monitor run --from 2025-03 --config '/tmp/a b/c.yaml' --db 'it'\\''s.sqlite'`);
  });
});
