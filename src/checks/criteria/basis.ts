// The legal instruments the criteria rest on, with the dates they apply (DOMAIN.md). A report
// cites the instrument in force on the measured date: basisOn() picks them. Data, not code:
// correct an article or a date here and every criterion that cites it follows.
import { msgBoth } from '../../messages/index.ts';
import type { Text } from '../types.ts';

export interface Instrument {
  id: string;
  /** As cited: "Nghị định 13/2023/NĐ-CP". */
  name: string;
  title: Text;
  /** Local dates, inclusive; null = no bound known to this project. */
  from: string | null;
  to: string | null;
  /** DOMAIN.md marks the fact as coming from third-party sources only. */
  unverified?: boolean;
}

export const INSTRUMENTS = {
  nd13_2023: {
    id: 'nd13_2023', name: 'Nghị định 13/2023/NĐ-CP', from: '2023-07-01', to: '2025-12-31',
    title: msgBoth('basis.nd13_2023.title'),
  },
  luat91_2025: {
    id: 'luat91_2025', name: 'Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15', from: '2026-01-01', to: null,
    title: msgBoth('basis.luat91_2025.title'),
  },
  tt32_2017: {
    id: 'tt32_2017', name: 'Thông tư 32/2017/TT-BTTTT', from: null, to: null,
    title: msgBoth('basis.tt32_2017.title'),
  },
  luat51_2010: {
    id: 'luat51_2010', name: 'Luật Người khuyết tật 51/2010/QH12', from: null, to: null,
    title: msgBoth('basis.luat51_2010.title'),
  },
  tt26_2020: {
    id: 'tt26_2020', name: 'Thông tư 26/2020/TT-BTTTT', from: null, to: null,
    title: msgBoth('basis.tt26_2020.title'),
  },
  tt22_2023: {
    id: 'tt22_2023', name: 'Thông tư 22/2023/TT-BTTTT', from: null, to: null, unverified: true,
    title: msgBoth('basis.tt22_2023.title'),
  },
  nd42_2022: {
    id: 'nd42_2022', name: 'Nghị định 42/2022/NĐ-CP', from: null, to: '2026-06-30',
    title: msgBoth('basis.nd42_2022.title'),
  },
  nd224_2026: {
    id: 'nd224_2026', name: 'Nghị định 224/2026/NĐ-CP', from: '2026-07-01', to: null,
    title: msgBoth('basis.nd224_2026.title'),
  },
} as const satisfies Record<string, Instrument>;

export type InstrumentId = keyof typeof INSTRUMENTS;

/** One citation: an instrument and, where known, the article (and clause). */
export interface Citation {
  instrument: InstrumentId;
  article?: string;
}

export interface CitedBasis {
  instrument: string;
  article: string | null;
  from: string | null;
  to: string | null;
  unverified: boolean;
}

const inForce = (i: Instrument, date: string) => (i.from === null || i.from <= date) && (i.to === null || date <= i.to);

/** The citations of a criterion whose instrument applied on `date` (local YYYY-MM-DD). */
export function basisOn(citations: readonly Citation[], date: string): CitedBasis[] {
  return citations
    .map((c) => ({ c, i: INSTRUMENTS[c.instrument] as Instrument }))
    .filter(({ i }) => inForce(i, date))
    .map(({ c, i }) => ({ instrument: i.name, article: c.article ?? null, from: i.from, to: i.to, unverified: i.unverified ?? false }));
}
