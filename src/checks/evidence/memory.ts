// A hostile page can grow its script heap until the machine suffers (one reached 4.4 GiB before
// its tab crashed). The heap is read every half second; past checks.maxPageMemoryMb the visit
// stops as too_much_memory. Chromium's own cap (--js-flags=--max-old-space-size, set to the same
// value by the checker) is the backstop: a renderer that dies near it is counted the same.
import type { ProtocolSession } from './targets.ts';

const EVERY_MS = 500;

export const DEFAULT_PAGE_MEMORY_MB = 1024;

export class MemoryWatch {
  /** The largest heap seen, in MiB. */
  peakMb = 0;
  private timer: NodeJS.Timeout | null = null;

  watch(session: ProtocolSession, capMb: number, onOver: (mb: number) => void): void {
    let reading = false;
    this.timer = setInterval(() => {
      if (reading) return;
      reading = true;
      void session.send('Runtime.getHeapUsage').then((h) => {
        const mb = Math.round(((h as { usedSize?: number }).usedSize ?? 0) / 1024 / 1024);
        this.peakMb = Math.max(this.peakMb, mb);
        if (mb > capMb * 0.9) onOver(mb);
      }, () => {}).finally(() => { reading = false; });
    }, EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
