// The built-in agency registry: the country, the ministries, the 63 provinces valid until
// 2025-06-30 and the 34 valid from 2025-07-01 (Nghị quyết 202/2025/QH15), linked by the
// merger map copied from the reference data. Operators add agencies in the config file.
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.ts';

export type AgencyLevel = 'national' | 'ministry' | 'province' | 'commune';

export interface Agency {
  /** Stable key used everywhere: `VN`, `bo:BCT`, `tinh:01` (34-province era), `tinh63:02` (63-province era). */
  code: string;
  name: string;
  level: AgencyLevel;
  /** First and last day (local dates, inclusive) the agency existed; null = open-ended. */
  validFrom: string | null;
  validTo: string | null;
  /** The agency that took over this one's remit when it ceased (the 2025 merger). */
  succeededBy: string | null;
  /** The unit code the national portal's statistics gateway uses for it (MA_COQUAN). */
  gatewayCode: string | null;
  /** The agency above it (a commune's province); null for top-level agencies. */
  parent: string | null;
  origin: 'builtin' | 'config';
}

export const MERGER_DATE = '2025-07-01';
export const LAST_DAY_BEFORE_MERGER = '2025-06-30';

export const NATIONAL: Agency = {
  code: 'VN', name: 'Cả nước', level: 'national',
  validFrom: null, validTo: null, succeededBy: null, gatewayCode: '0', parent: null, origin: 'builtin',
};

// Ministries and ministry-level agencies with a public-service portal, as organised since
// 2025-03-01. gatewayCode is the abbreviation the sandbox gateway uses; real deployments
// override it in the config when the gateway uses another code.
const MINISTRIES: Array<[string, string]> = [
  ['BCA', 'Bộ Công an'],
  ['BCT', 'Bộ Công Thương'],
  ['BDTTG', 'Bộ Dân tộc và Tôn giáo'],
  ['BGDDT', 'Bộ Giáo dục và Đào tạo'],
  ['BKHCN', 'Bộ Khoa học và Công nghệ'],
  ['BNG', 'Bộ Ngoại giao'],
  ['BNNMT', 'Bộ Nông nghiệp và Môi trường'],
  ['BNV', 'Bộ Nội vụ'],
  ['BQP', 'Bộ Quốc phòng'],
  ['BTC', 'Bộ Tài chính'],
  ['BTP', 'Bộ Tư pháp'],
  ['BVHTTDL', 'Bộ Văn hóa, Thể thao và Du lịch'],
  ['BXD', 'Bộ Xây dựng'],
  ['BYT', 'Bộ Y tế'],
  ['NHNN', 'Ngân hàng Nhà nước Việt Nam'],
  ['TTCP', 'Thanh tra Chính phủ'],
  ['VPCP', 'Văn phòng Chính phủ'],
];

export interface MergerRow {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  newType: 'tinh' | 'thanh_pho';
}

const MERGER_CSV = projectPath('src', 'registry', 'provinces-2025.csv');

export function readMergerMap(path = MERGER_CSV): MergerRow[] {
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines.shift();
  if (header !== 'old_code,old_name,new_code,new_name,new_type') {
    throw new Error(`${path}: unexpected header "${header}"`);
  }
  return lines.map((line, i) => {
    const [oldCode, oldName, newCode, newName, newType] = line.split(',');
    if (!oldCode || !oldName || !newCode || !newName || (newType !== 'tinh' && newType !== 'thanh_pho')) {
      throw new Error(`${path}:${i + 2}: malformed row "${line}"`);
    }
    return { oldCode, oldName, newCode, newName, newType };
  });
}

export const provinceCode = (code: string) => `tinh:${code}`;
export const oldProvinceCode = (code: string) => `tinh63:${code}`;
export const ministryCode = (abbr: string) => `bo:${abbr}`;

export function builtInAgencies(merger: MergerRow[] = readMergerMap()): Agency[] {
  const agencies: Agency[] = [NATIONAL];
  for (const [abbr, name] of MINISTRIES) {
    agencies.push({
      code: ministryCode(abbr), name, level: 'ministry',
      validFrom: null, validTo: null, succeededBy: null, gatewayCode: abbr, parent: null, origin: 'builtin',
    });
  }
  for (const row of merger) {
    agencies.push({
      code: oldProvinceCode(row.oldCode), name: row.oldName, level: 'province',
      validFrom: null, validTo: LAST_DAY_BEFORE_MERGER,
      succeededBy: provinceCode(row.newCode), gatewayCode: row.oldCode, parent: null, origin: 'builtin',
    });
  }
  const seen = new Set<string>();
  for (const row of merger) {
    if (seen.has(row.newCode)) continue;
    seen.add(row.newCode);
    agencies.push({
      code: provinceCode(row.newCode), name: row.newName, level: 'province',
      validFrom: MERGER_DATE, validTo: null, succeededBy: null, gatewayCode: row.newCode, parent: null, origin: 'builtin',
    });
  }
  return agencies;
}

/** Is the agency in existence on this local date (YYYY-MM-DD)? */
export function isValidOn(agency: Pick<Agency, 'validFrom' | 'validTo'>, date: string): boolean {
  return (agency.validFrom === null || agency.validFrom <= date) && (agency.validTo === null || date <= agency.validTo);
}
