// The accessibility probes: tests that act on the loaded page in the browser (Tab walks,
// zoom, spacing overrides, focusing and changing fields) and record what they saw as
// evidence for the criteria. They run after axe, in order, each in every frame it applies to;
// a probe that fails records its own error and never stops the others.
import type { CDPSession, Page } from 'playwright-core';
import type { PageEvidence } from '../../types.ts';
import type { FrameTarget } from './frames.ts';
import { keyboardProbeEntry } from './keyboard.ts';
import { INTERACTION_PROBES } from './interaction.ts';
import { reflowProbeEntry, resizeTextProbeEntry, textSpacingProbeEntry } from './presentation.ts';

export interface ProbeContext {
  page: Page;
  cdp: CDPSession;
  /** Every document of the page, top first (frames.ts). */
  frames: FrameTarget[];
  viewport: { width: number; height: number };
  keyboardSample: number;
  /** Told when a probe's own stage begins ("probe:keyboard:focus"), for the checks benchmark's breakdown. */
  phase?: (name: string) => void;
}

/** A probe writes its own field(s) of the evidence. */
export interface Probe {
  name: string;
  run(ctx: ProbeContext, evidence: PageEvidence): Promise<void>;
  /** The elements its evidence flags (what a finding will name), for their cropped screenshots. */
  flagged?(evidence: PageEvidence): Array<{ frame: number; selector: string }>;
}

export const PROBES: Probe[] = [
  keyboardProbeEntry,
  textSpacingProbeEntry, // each presentation probe puts the page back (style sheet removed, viewport restored)
  resizeTextProbeEntry,
  reflowProbeEntry,
  ...INTERACTION_PROBES, // last: it focuses and changes fields (the page is put back, reloaded if it changed)
];

export async function runProbes(ctx: ProbeContext, evidence: PageEvidence, probes: readonly Probe[] = PROBES, starting: (name: string) => void = () => {}): Promise<void> {
  for (const probe of probes) {
    starting(probe.name);
    try {
      await probe.run(ctx, evidence);
    } catch (err) {
      // A closed page (our deadline, a crash) must stop the visit: rethrow those.
      if (ctx.page.isClosed()) throw err;
      evidence.probeErrors.push({ probe: probe.name, message: String((err as Error)?.message ?? err).split('\n')[0]!.slice(0, 300) });
    }
  }
}

/** Every element the probes flagged on this page. */
export function flaggedByProbes(evidence: PageEvidence, probes: readonly Probe[] = PROBES): Array<{ frame: number; selector: string }> {
  return probes.flatMap((p) => {
    try {
      return p.flagged?.(evidence) ?? [];
    } catch {
      return [];
    }
  });
}
