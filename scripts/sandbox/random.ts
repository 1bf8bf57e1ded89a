// Seeded randomness for the sandbox. Every value is drawn from a generator keyed by
// (seed, purpose, unit, month), not from one long sequence, so any single figure can be
// recomputed on its own (tests and the collector's checks rely on this) and adding a new
// purpose never shifts the figures already published.

import { hash32, mulberry32 } from '../../src/checks/sample/random.ts';

export { hash32, mulberry32 };

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.next();
  }

  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Normal via Box-Muller; always consumes exactly two draws so sequences stay aligned. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next(); // (0, 1]: log(0) would be -Infinity
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** A multiplicative factor 1 ± rel. */
  jitter(rel: number): number {
    return 1 + this.between(-rel, rel);
  }
}

export function rngFor(seed: number, ...parts: Array<string | number>): Rng {
  return new Rng(hash32([seed, ...parts].join('|')));
}

export function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
