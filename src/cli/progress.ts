// A one-line progress bar for terminals; silent elsewhere (logs carry the progress there).
export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  let drawn = false;
  return {
    update(done, total, label) {
      const width = 30;
      const filled = total ? Math.round((done / total) * width) : width;
      const text = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total} ${label}`;
      stream.write(`\r\x1b[2K${text.slice(0, (stream.columns || 100) - 1)}`);
      drawn = true;
    },
    stop() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}
