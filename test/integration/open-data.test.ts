// The open-data collector against the sandbox's CSV (year-to-date) and XLSX (monthly) exports.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { monthlyFigures } from '../../scripts/sandbox/data.ts';
import { openStore } from '../../storage/db.ts';
import { readBody } from '../../storage/evidence.ts';
import { collect, dumpMeasures, lastRunJobs, measureValue, snapshotsOfJobId, limitsFor } from '../helpers/collect.ts';
import { useSandbox } from '../helpers/sandbox.ts';
import { tempDir } from '../helpers/tmp.ts';

const SEED = 2026;
const NOW = new Date('2026-10-15T09:00:00+07:00');
const sandbox = useSandbox({ seed: SEED, now: NOW });

const csvSource = (url = `${sandbox.url}/open-data/ho-so-luy-ke-{period}.csv`) => `
  - id: du-lieu-mo-csv
    kind: open-data
    url: "${url}"
    format: csv
    cumulative: true
    agencyColumn: Mã tỉnh
    agencyLevel: province
    columns:
      "Hồ sơ tiếp nhận (lũy kế)": dossiers.received
      "Tiếp nhận trực tuyến (lũy kế)": dossiers.received_online
      "Giải quyết đúng hạn (lũy kế)": dossiers.resolved_on_time
      "Tỷ lệ trực tuyến (%)": reported.online_dossier_rate`;

const xlsxSource = () => `
  - id: du-lieu-mo-xlsx
    kind: open-data
    url: "${sandbox.url}/open-data/ho-so-{YYYY}.xlsx"
    format: xlsx
    periodColumn: Tháng
    agencyColumn: Mã tỉnh
    agencyLevel: province
    columns:
      "Hồ sơ tiếp nhận": dossiers.received
      "Tiếp nhận trực tuyến": dossiers.received_online
      "Hồ sơ được số hóa": dossiers.digitised
      "Tỷ lệ trực tuyến (%)": reported.online_dossier_rate`;

describe('open-data collector: CSV of year-to-date figures', () => {
  it('turns "lũy kế" into each month\'s figures, equal to what the portal counted that month', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    // One run, three months: the jobs of a cumulative source run in period order.
    const summary = await collect(db, csvSource(), ['2026-03', '2026-01', '2026-02']);
    expect(summary).toMatchObject({ status: 'succeeded', jobsFailed: 0 });
    for (const period of ['2026-01', '2026-02', '2026-03']) {
      const figures = monthlyFigures(SEED, period, 'province', NOW);
      expect(figures).toHaveLength(34);
      for (const f of figures) {
        const code = `tinh:${f.unit.gatewayCode}`;
        expect(measureValue(db, code, 'dossiers.received', period)?.value).toBe(f.monthly.received);
        expect(measureValue(db, code, 'dossiers.received_online', period)?.value).toBe(f.monthly.receivedOnline);
        expect(measureValue(db, code, 'ytd.dossiers.received', period)?.value).toBe(f.ytd.received);
      }
    }
    // A year-to-date rate cannot be taken apart by month: it is kept as published only.
    expect(measureValue(db, 'tinh:01', 'reported.online_dossier_rate', '2026-02')).toBeUndefined();
    expect(measureValue(db, 'tinh:01', 'ytd.reported.online_dossier_rate', '2026-02')?.value).toBeGreaterThan(0);
    db.close();
  });

  it('derives July 2025 across the merger: a new province\'s June is its old provinces\' year to date, summed', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    expect((await collect(db, csvSource(), ['2025-06', '2025-07'])).jobsFailed).toBe(0);
    const july = monthlyFigures(SEED, '2025-07', 'province', NOW);
    expect(july).toHaveLength(34);
    for (const f of july) {
      expect(measureValue(db, `tinh:${f.unit.gatewayCode}`, 'dossiers.received', '2025-07')?.value).toBe(f.monthly.received);
    }
    // Tuyên Quang (08) took in Hà Giang (02): its July is its year to date less both Junes.
    const june = (code: string) => measureValue(db, `tinh63:${code}`, 'ytd.dossiers.received', '2025-06')!.value!;
    const tq = july.find((f) => f.unit.gatewayCode === '08')!;
    expect(tq.ytd.received - june('02') - june('08')).toBe(tq.monthly.received);
    db.close();
  });

  it('stores a month whose previous year-to-date figure is unknown as missing, with the reason', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    await collect(db, csvSource(), ['2026-05']);
    expect(measureValue(db, 'tinh:01', 'dossiers.received', '2026-05')).toEqual({
      value: null, nullReason: expect.stringMatching(/^missing: the year-to-date figure for 2026-04 has not been collected/),
    });
    db.close();
  });

  it('never turns a falling counter into a negative count: null with counter_decreased, and a note per value', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    await collect(db, csvSource(), ['2026-03']);
    // The portal resets its counter: the file for April carries February's year-to-date figures.
    const summary = await collect(db, csvSource(`${sandbox.url}/open-data/ho-so-luy-ke-2026-02.csv`), ['2026-04']);
    expect(summary.status).toBe('succeeded');
    const april = measureValue(db, 'tinh:01', 'dossiers.received', '2026-04')!;
    expect(april.value).toBeNull();
    expect(april.nullReason).toMatch(/^counter_decreased: year to date fell from \d+ \(2026-03\) to \d+ \(2026-04\)/);
    expect(db.prepare("SELECT count(*) FROM measure WHERE metric LIKE 'dossiers.%' AND value < 0").pluck().get()).toBe(0);
    const notes = lastRunJobs(db)[0]!.notes.filter((n) => n.kind === 'counter_decreased');
    expect(notes).toHaveLength(34 * 3);
    expect(notes[0]).toMatchObject({ agencyCode: expect.stringMatching(/^tinh:/), metric: expect.stringMatching(/^dossiers\./), period: '2026-04' });
    db.close();
  });

  it('keeps a month already known when a later reset makes it undeterminable', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    await collect(db, csvSource(), ['2026-03', '2026-04']);
    const known = measureValue(db, 'tinh:01', 'dossiers.received', '2026-04')!;
    expect(known.value).toBeGreaterThan(0);
    await collect(db, csvSource(`${sandbox.url}/open-data/ho-so-luy-ke-2026-02.csv`), ['2026-04']);
    expect(measureValue(db, 'tinh:01', 'dossiers.received', '2026-04')).toEqual(known);
    expect(lastRunJobs(db)[0]!.notes.some((n) => n.kind === 'counter_decreased' && n.agencyCode === 'tinh:01')).toBe(true);
    db.close();
  });

  it('stores unreadable cells (negative, huge, "N/A", decimals) as null with their reason, never 0', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    sandbox.setFault('open-data', { mode: 'bad_values' });
    const summary = await collect(db, csvSource(), ['2026-01']);
    expect(summary.status).toBe('succeeded');
    const reasons = db.prepare("SELECT null_reason FROM measure WHERE metric = 'ytd.dossiers.received' AND value IS NULL").pluck().all() as string[];
    expect(reasons.some((r) => r.startsWith('negative:'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('out_of_range:'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('not_available:'))).toBe(true);
    expect(reasons.some((r) => r.startsWith('not_a_count:'))).toBe(true);
    expect(db.prepare("SELECT count(*) FROM measure WHERE metric LIKE '%dossiers.received' AND value = 0").pluck().get()).toBe(0);
    db.close();
  });
});

describe('open-data collector: XLSX of monthly figures', () => {
  it('reads the rows of the asked month from a workbook holding the whole year, across the merger', async () => {
    const db = openStore(join(tempDir(), 's.sqlite'));
    expect((await collect(db, xlsxSource(), ['2025-06', '2025-07'])).status).toBe('succeeded');
    for (const [period, prefix, count] of [['2025-06', 'tinh63', 63], ['2025-07', 'tinh', 34]] as const) {
      const figures = monthlyFigures(SEED, period, 'province', NOW);
      expect(figures).toHaveLength(count);
      for (const f of figures) {
        expect(measureValue(db, `${prefix}:${f.unit.gatewayCode}`, 'dossiers.digitised', period)?.value).toBe(f.monthly.digitised);
      }
    }
    db.close();
  });
});

describe('open-data collector: a misbehaving export', () => {
  const cases = [
    { source: csvSource, fault: { mode: 'html_200' }, reason: 'not_csv' },
    { source: csvSource, fault: { mode: 'truncated' }, reason: 'truncated' },
    { source: csvSource, fault: { mode: 'redesigned' }, reason: 'unexpected_shape' },
    { source: csvSource, fault: { mode: 'http_5xx' }, reason: 'http_5xx' },
    { source: csvSource, fault: { mode: 'reset' }, reason: 'connect_reset' },
    { source: csvSource, fault: { mode: 'oversized', bytes: 3_000_000 }, reason: 'too_large' },
    { source: xlsxSource, fault: { mode: 'html_200' }, reason: 'not_xlsx' },
    { source: xlsxSource, fault: { mode: 'truncated' }, reason: 'truncated' },
    { source: xlsxSource, fault: { mode: 'redesigned' }, reason: 'unexpected_shape' },
    { source: xlsxSource, fault: { mode: 'slow', delayMs: 3000 }, reason: 'timeout' },
  ] as const;
  for (const { source, fault, reason } of cases) {
    it(`records ${fault.mode} on the ${source === csvSource ? 'CSV' : 'XLSX'} as ${reason}, keeping earlier values and the payload`, async () => {
      const db = openStore(join(tempDir(), 's.sqlite'));
      await collect(db, source(), ['2026-01']);
      const before = dumpMeasures(db);
      expect(before.length).toBeGreaterThan(100);
      sandbox.setFault('open-data', fault);
      const summary = await collect(db, source(), ['2026-01'], { limits: { maxBodyBytes: 1_000_000, ...limitsFor(fault) } });
      expect(summary.failures.map((f) => f.reason)).toEqual([reason]);
      expect(dumpMeasures(db)).toEqual(before);
      const kept = snapshotsOfJobId(db, lastRunJobs(db)[0]!.id);
      const nothingCameBack = ['connect_reset', 'too_large', 'timeout'].includes(reason);
      expect(kept).toHaveLength(nothingCameBack ? 0 : 1);
      if (!nothingCameBack) expect(readBody(db, kept[0]!.sha256)!.intact).toBe(true);
      db.close();
    });
  }
});
