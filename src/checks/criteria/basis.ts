// The legal instruments the criteria rest on, with the dates they apply (DOMAIN.md). A report
// cites the instrument in force on the measured date: basisOn() picks them. Data, not code:
// correct an article or a date here and every criterion that cites it follows.
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
    title: { vi: 'Nghị định về bảo vệ dữ liệu cá nhân', en: 'Decree on personal data protection' },
  },
  luat91_2025: {
    id: 'luat91_2025', name: 'Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15', from: '2026-01-01', to: null,
    title: { vi: 'Luật Bảo vệ dữ liệu cá nhân (đồng ý theo từng mục đích, có thể kiểm chứng; im lặng không phải là đồng ý)', en: 'Personal Data Protection Law (consent per purpose, verifiable; silence is not consent)' },
  },
  tt32_2017: {
    id: 'tt32_2017', name: 'Thông tư 32/2017/TT-BTTTT', from: null, to: null,
    title: { vi: 'Thông tư quy định về cung cấp dịch vụ công trực tuyến và bảo đảm khả năng truy cập thuận tiện', en: 'Circular on online public services and convenient access' },
  },
  luat51_2010: {
    id: 'luat51_2010', name: 'Luật Người khuyết tật 51/2010/QH12', from: null, to: null,
    title: { vi: 'Luật Người khuyết tật', en: 'Law on Persons with Disabilities' },
  },
  tt26_2020: {
    id: 'tt26_2020', name: 'Thông tư 26/2020/TT-BTTTT', from: null, to: null,
    title: { vi: 'Thông tư về hỗ trợ người khuyết tật tiếp cận (phụ lục theo WCAG)', en: 'Circular on accessibility for persons with disabilities (WCAG-based appendix)' },
  },
  tt22_2023: {
    id: 'tt22_2023', name: 'Thông tư 22/2023/TT-BTTTT', from: null, to: null, unverified: true,
    title: { vi: 'Thông tư về tiêu chuẩn tiếp cận (tối thiểu WCAG 2.0)', en: 'Circular on accessibility standards (WCAG 2.0 minimum)' },
  },
  nd42_2022: {
    id: 'nd42_2022', name: 'Nghị định 42/2022/NĐ-CP', from: null, to: '2026-06-30',
    title: { vi: 'Nghị định về cung cấp thông tin và dịch vụ công trực tuyến', en: 'Decree on online information and public services' },
  },
  nd224_2026: {
    id: 'nd224_2026', name: 'Nghị định 224/2026/NĐ-CP', from: '2026-07-01', to: null,
    title: { vi: 'Nghị định về dịch vụ công trực tuyến (hướng dẫn Luật Chuyển đổi số 148/2025/QH15)', en: 'Decree on online public services (implementing the Digital Transformation Law 148/2025/QH15)' },
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
