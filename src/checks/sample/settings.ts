// Which portals are checked on a page sample, and with which settings: `checks.sample` for all
// portals (unless `enabled: false`), a portal's own `sample:` over it (true, false, or settings).
import type { ChecksConfig, PortalConfig, SampleConfig } from '../../config/schema.ts';

export type SampleSettings = Omit<SampleConfig, 'enabled'>;

export const DEFAULT_SAMPLE_SETTINGS: SampleSettings = {
  maxPages: 500, maxDepth: 5, maxChecked: 40, random: 0.1, minRandom: 3, include: [], exclude: [], delayMs: 500, crawlTimeoutMs: 15 * 60_000,
};

/** The sample settings of a portal's check, or null when the portal is checked without a sample. */
export function sampleSettingsOf(portal: Pick<PortalConfig, 'sample'>, checks: Pick<ChecksConfig, 'sample'> | undefined): SampleSettings | null {
  const global = checks?.sample;
  const own = portal.sample;
  if (own === false) return null;
  if (own === undefined && !global?.enabled) return null;
  const { enabled: _enabled, ...base } = global ?? { enabled: true, ...DEFAULT_SAMPLE_SETTINGS };
  if (own === true || own === undefined) return base;
  const overrides = Object.fromEntries(Object.entries(own).filter(([, v]) => v !== undefined));
  return { ...base, ...overrides };
}
