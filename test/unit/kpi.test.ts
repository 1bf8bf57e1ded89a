import { describe, expect, it } from 'vitest';
import { KPI_ONLINE_DOSSIERS } from '../../src/kpi/definitions.ts';
import { computeKpi, constituentsByAgency, indexMeasures, type MeasureValue } from '../../src/kpi/headline.ts';
import { index766 } from '../../src/kpi/index766.ts';
import { nationalSummary } from '../../src/kpi/national-summary.ts';
import { constituentsOf, figuresOf, kpiOverview } from '../../src/kpi/overview.ts';
import { targetFor } from '../../src/kpi/targets.ts';
import { builtInAgencies } from '../../src/registry/agencies.ts';

const agencies = builtInAgencies();
const today = '2026-11-22';
const m = (agencyCode: string, metric: string, value: number | null): MeasureValue => ({ agencyCode, metric, value, nullReason: value === null ? 'not_available: "N/A" (HS_TOTAL)' : null });

describe('merger roll-up', () => {
  it('maps every old province to one of the 34 new ones before the merger', () => {
    const before = constituentsByAgency(agencies, 'province', '2025-06', today);
    expect(before.size).toBe(34);
    expect([...before.values()].flat()).toHaveLength(63);
    // Tỉnh Tuyên Quang (08) took in Hà Giang (02).
    expect(before.get('tinh:08')!.sort()).toEqual(['tinh63:02', 'tinh63:08']);
    // Hồ Chí Minh City took in Bình Dương and Bà Rịa - Vũng Tàu.
    expect(before.get('tinh:79')!.sort()).toEqual(['tinh63:74', 'tinh63:77', 'tinh63:79']);
  });

  it('uses the new provinces themselves from July 2025', () => {
    const after = constituentsByAgency(agencies, 'province', '2025-07', today);
    expect(after.get('tinh:08')).toEqual(['tinh:08']);
    expect([...after.values()].flat()).toHaveLength(34);
  });

  it('sums the old provinces\' counts into the new one', () => {
    const values = indexMeasures([
      m('tinh63:02', 'dossiers.received_online', 30), m('tinh63:02', 'dossiers.received', 100),
      m('tinh63:08', 'dossiers.received_online', 70), m('tinh63:08', 'dossiers.received', 100),
    ]);
    const kpi = computeKpi(KPI_ONLINE_DOSSIERS, 'tinh:08', ['tinh63:02', 'tinh63:08'], values);
    expect(kpi).toMatchObject({ numerator: 100, denominator: 200, rate: 50, missingReason: null });
  });

  it('leaves the rate missing, with the reason, when a constituent is missing', () => {
    const values = indexMeasures([
      m('tinh63:02', 'dossiers.received_online', 30), m('tinh63:02', 'dossiers.received', null),
      m('tinh63:08', 'dossiers.received_online', 70), m('tinh63:08', 'dossiers.received', 100),
    ]);
    const kpi = computeKpi(KPI_ONLINE_DOSSIERS, 'tinh:08', ['tinh63:02', 'tinh63:08'], values);
    expect(kpi.rate).toBeNull();
    expect(kpi.missingReason).toMatch(/dossiers\.received missing for tinh63:02: not_available/);
    expect(computeKpi(KPI_ONLINE_DOSSIERS, 'tinh:08', ['tinh63:08'], indexMeasures([m('tinh63:08', 'dossiers.received_online', 0), m('tinh63:08', 'dossiers.received', 0)])).missingReason).toBe('denominator is 0');
  });
});

describe('targets', () => {
  const targets = {
    defaults: { 'rate.online_dossiers': 50 },
    rules: [
      { kpi: 'rate.online_dossiers', level: 'province' as const, value: 55 },
      { kpi: 'rate.online_dossiers', level: 'province' as const, year: 2026, value: 60 },
      { kpi: 'rate.online_dossiers', agency: 'tinh:22', value: 70 },
    ],
  };
  it('takes the most specific rule', () => {
    expect(targetFor(targets, KPI_ONLINE_DOSSIERS, { agencyCode: 'tinh:22', level: 'province', year: 2026 })).toBe(70);
    expect(targetFor(targets, KPI_ONLINE_DOSSIERS, { agencyCode: 'tinh:01', level: 'province', year: 2026 })).toBe(60);
    expect(targetFor(targets, KPI_ONLINE_DOSSIERS, { agencyCode: 'tinh:01', level: 'province', year: 2025 })).toBe(55);
    expect(targetFor(targets, KPI_ONLINE_DOSSIERS, { agencyCode: 'bo:BCT', level: 'ministry', year: 2026 })).toBe(50);
    expect(targetFor({ defaults: {}, rules: [] }, KPI_ONLINE_DOSSIERS, { agencyCode: 'VN', level: 'national', year: 2026 })).toBe(50);
  });
});

describe('national summary', () => {
  it('ranks provinces and totals the country over ministries and provinces', () => {
    const measures: MeasureValue[] = [];
    const provinces = [...constituentsByAgency(agencies, 'province', '2026-10', today).keys()];
    provinces.forEach((code, i) => {
      measures.push(m(code, 'dossiers.received', 1000), m(code, 'dossiers.received_online', 10 * (i + 1)));
      measures.push(m(code, 'services.online_full', 60), m(code, 'services.online_partial', 40), m(code, 'services.with_online_filings', 50));
    });
    for (const a of agencies.filter((x) => x.level === 'ministry')) {
      measures.push(m(a.code, 'dossiers.received', 1000), m(a.code, 'dossiers.received_online', 1000));
      measures.push(m(a.code, 'services.online_full', 10), m(a.code, 'services.online_partial', 0), m(a.code, 'services.with_online_filings', 10));
    }
    const s = nationalSummary({ period: '2026-10', today, agencies, values: indexMeasures(measures), targets: { defaults: {}, rules: [] } });
    const online = s.rankings.find((r) => r.kpi === 'rate.online_dossiers')!;
    expect(online.best.map((b) => b.agencyCode)).toEqual(provinces.slice(-5).reverse());
    expect(online.worst.map((b) => b.agencyCode)).toEqual(provinces.slice(0, 5));
    const onlineSum = provinces.reduce((sum, _c, i) => sum + 10 * (i + 1), 0) + 17 * 1000;
    expect(online.country.rate).toBeCloseTo((onlineSum / ((34 + 17) * 1000)) * 100, 10);
    expect(online.country.target).toBe(50);
    const filing = s.rankings.find((r) => r.kpi === 'rate.services_with_online_filings')!;
    expect(filing.country.rate).toBeCloseTo(((34 * 50 + 17 * 10) / (34 * 100 + 17 * 10)) * 100, 10);
  });
});

describe('one agency month by month', () => {
  it('gives the overview\'s figures for an aggregate, a block and a merged province, before and after the merger', () => {
    const targets = { defaults: {}, rules: [{ kpi: 'rate.online_dossiers', level: 'province' as const, value: 70 }] };
    for (const period of ['2025-06', '2025-07']) {
      const measures: MeasureValue[] = [];
      agencies.filter((a) => a.level !== 'national').forEach((a, i) => {
        measures.push(m(a.code, 'dossiers.received', 1000 + i), m(a.code, 'dossiers.received_online', 100 + 7 * i));
      });
      const values = indexMeasures(measures);
      const overview = kpiOverview({ period, today, agencies, values, targets });
      for (const code of ['VN', 'khoi:bo', 'khoi:tinh', 'tinh:08', 'bo:BCT']) {
        const expected = [...overview.aggregates, ...overview.agencies].find((a) => a.agencyCode === code)!.kpis;
        const figures = figuresOf({ code, subject: constituentsOf(agencies, code, period, today)!, period, values, targets });
        // Everything but the rank, which needs the whole level.
        for (const [id, f] of Object.entries(expected)) expect({ ...figures[id], rank: null }, `${code} ${id} ${period}`).toEqual({ ...f, rank: null });
      }
    }
    // An old province is no agency of today; an unknown code is nobody.
    expect(constituentsOf(agencies, 'tinh63:02', '2025-06', today)).toBeNull();
    expect(constituentsOf(agencies, 'nowhere', '2025-06', today)).toBeNull();
  });
});

describe('quarantined values in figures (issue 13 item 2)', () => {
  const held = { agencyCode: 'tinh63:02', metric: 'dossiers.received', value: 9_999_999_999_999, rule: 'too_large', facts: {} };
  const values = indexMeasures([
    m('tinh63:02', 'dossiers.received_online', 30), m('tinh63:02', 'dossiers.received', 9_999_999_999_999),
    m('tinh63:08', 'dossiers.received_online', 70), m('tinh63:08', 'dossiers.received', 100),
    m('tinh63:02', 'index766.tdgq', 25), m('tinh63:08', 'index766.tdgq', 18),
  ], [held, { agencyCode: 'tinh63:02', metric: 'index766.tdgq', value: 25, rule: 'out_of_range', facts: {} }]);

  it('gives an agency no rate, with the value and its rule, and no partial sum over a merged province', () => {
    expect(computeKpi(KPI_ONLINE_DOSSIERS, 'tinh63:02', ['tinh63:02'], values)).toMatchObject({
      rate: null, numerator: null, missingReason: 'quarantined: dossiers.received of tinh63:02 is 9999999999999 (too_large)', excluded: [held],
    });
    expect(computeKpi(KPI_ONLINE_DOSSIERS, 'tinh:08', ['tinh63:02', 'tinh63:08'], values)).toMatchObject({ rate: null, excluded: [held] });
  });

  it('sums the others into an aggregate and lists what it left out', () => {
    expect(computeKpi(KPI_ONLINE_DOSSIERS, 'VN', ['tinh63:02', 'tinh63:08'], values, true)).toMatchObject({
      numerator: 70, denominator: 100, rate: 70, constituents: ['tinh63:08'], excluded: [held],
    });
    expect(computeKpi(KPI_ONLINE_DOSSIERS, 'VN', ['tinh63:08'], values, true).excluded).toBeNull();
  });

  it('does not show a quarantined published 766 score as collected', () => {
    expect(index766('tinh63:02', ['tinh63:02'], values).find((r) => r.key === 'tdgq')!.collected).toBeNull();
    expect(index766('tinh63:08', ['tinh63:08'], values).find((r) => r.key === 'tdgq')!.collected).toBe(18);
  });
});
