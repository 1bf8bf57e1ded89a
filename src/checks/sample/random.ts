// Seeded randomness for the page sample: the same seed and the same pages give the same
// random sample (WCAG-EM asks that the random sample be recorded so it can be reproduced). Not for
// anything secret. The sandbox's figures use the same two functions (scripts/sandbox/random.ts).

/** 32-bit FNV-1a with a murmur3 finaliser, so close keys ("01" vs "02") still scatter. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** mulberry32: tiny, fast and good enough for sample data (not for anything secret). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` items drawn without replacement, in draw order: a Fisher-Yates shuffle's head. */
export function drawWithSeed<T>(items: readonly T[], count: number, seed: number): T[] {
  const next = mulberry32(seed);
  const pool = [...items];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/** The seed of a check's random sample when none is fixed: the portal and the measured day (local). */
export const dailySeed = (portal: string, measuredOn: string) => hash32(`sample|${portal}|${measuredOn}`);
