// The six socio-economic regions (vùng kinh tế - xã hội, Nghị quyết 81/2023/QH15) of the 34
// provinces valid from 2025-07-01, for grouping figures (the `region` label on /metrics).
// Which region a merged province belongs to is unverified (third-party lists): it is data in
// regions-2025.csv, not code. A commune is in its province's region, a former province in its
// successor's; ministries and the country are in none ("").
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.ts';
import type { Agency } from './agencies.ts';

export const REGIONS = {
  trung_du_mien_nui_phia_bac: { vi: 'Trung du và miền núi phía Bắc', en: 'Northern Midlands and Mountains' },
  dong_bang_song_hong: { vi: 'Đồng bằng sông Hồng', en: 'Red River Delta' },
  bac_trung_bo_duyen_hai_mien_trung: { vi: 'Bắc Trung Bộ và duyên hải miền Trung', en: 'North Central and Central Coast' },
  tay_nguyen: { vi: 'Tây Nguyên', en: 'Central Highlands' },
  dong_nam_bo: { vi: 'Đông Nam Bộ', en: 'Southeast' },
  dong_bang_song_cuu_long: { vi: 'Đồng bằng sông Cửu Long', en: 'Mekong River Delta' },
} as const;

export type Region = keyof typeof REGIONS;

const REGIONS_CSV = projectPath('src', 'registry', 'regions-2025.csv');

/** Province code (tinh:NN) → region. */
export function readRegions(path = REGIONS_CSV): Map<string, Region> {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines.shift();
  if (header !== 'province_code,region') throw new Error(`${path}: unexpected header "${header}"`);
  return new Map(lines.map((line, i) => {
    const [code, region] = line.split(',');
    if (!code || !region || !(region in REGIONS)) throw new Error(`${path}:${i + 2}: malformed row "${line}"`);
    return [`tinh:${code}`, region as Region];
  }));
}

/** The region of every agency that has one, following parents (communes) and successors (former provinces). */
export function regionsOf(agencies: readonly Agency[], regions = readRegions()): Map<string, Region> {
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  const out = new Map<string, Region>();
  for (const agency of agencies) {
    let a: Agency | undefined = agency;
    // At most a commune's province's successor: a few steps; the bound guards a loop in configured agencies.
    for (let hops = 0; a && hops < 4; hops++) {
      const region = regions.get(a.code);
      if (region) {
        out.set(agency.code, region);
        break;
      }
      a = byCode.get(a.parent ?? a.succeededBy ?? '');
    }
  }
  return out;
}
