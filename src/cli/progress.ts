// A one-line progress bar for terminals: done/total, time elapsed, an estimate of the time left
// and the job in hand; silent elsewhere (logs carry the progress there). Cleared, never left
// half-drawn, when it stops (the end of the run, or Ctrl+C).
import type { Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

/** 75 s → "1:15", 3,725 s → "1:02:05". */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${String(mm).padStart(2, '0')}:${ss}` : `${mm}:${ss}`;
}

/** The bar's text: the time left is estimated from the pace so far, once one job is done. */
export function progressLine(p: { done: number; total: number; label: string; elapsedMs: number }, lang: Lang, width = 24): string {
  const filled = p.total ? Math.min(width, Math.round((p.done / p.total) * width)) : width;
  const left = p.done > 0 && p.total > p.done ? (p.elapsedMs / p.done) * (p.total - p.done) : null;
  const eta = left === null ? '' : msg(lang, 'cli.progress.eta', { time: formatClock(left) });
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${p.done}/${p.total} · ${formatClock(p.elapsedMs)}${eta} · ${p.label}`;
}

export function createProgress(opts: { lang: Lang; stream?: NodeJS.WriteStream; now?: () => number }): Progress {
  const stream = opts.stream ?? process.stderr;
  if (!stream.isTTY) return { update() {}, stop() {} };
  const now = opts.now ?? (() => performance.now());
  const started = now();
  let drawn = false;
  let stopped = false;
  return {
    update(done, total, label) {
      if (stopped) return;
      const text = progressLine({ done, total, label, elapsedMs: now() - started }, opts.lang);
      stream.write(`\r\x1b[2K${text.slice(0, (stream.columns || 100) - 1)}`);
      drawn = true;
    },
    stop() {
      stopped = true;
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
