// Resources collectors share between the jobs of one run (an OAuth token, a browser), opened
// on first use and closed when the run ends, whatever happened to the jobs.
import type { RunResources } from '../../collectors/types.ts';

export interface ClosableResources extends RunResources {
  closeAll(): Promise<void>;
}

export function createRunResources(): ClosableResources {
  const open = new Map<string, { value: Promise<unknown>; close: (value: never) => Promise<void> | void }>();
  return {
    get<T>(key: string, opener: () => Promise<T>, close: (value: T) => Promise<void> | void): Promise<T> {
      let entry = open.get(key);
      if (!entry) {
        const value = opener();
        entry = { value, close: close as (value: never) => Promise<void> | void };
        open.set(key, entry);
        // A failed opening is forgotten, so the next job tries again instead of inheriting the failure.
        value.catch(() => open.get(key) === entry && open.delete(key));
      }
      return entry.value as Promise<T>;
    },
    async closeAll() {
      const entries = [...open.values()];
      open.clear();
      await Promise.allSettled(entries.map(async (e) => e.close((await e.value) as never)));
    },
  };
}
