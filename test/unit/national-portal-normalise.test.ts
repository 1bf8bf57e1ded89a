import { describe, expect, it } from 'vitest';
import { nationalPortal, requestParams } from '../../collectors/national-portal.ts';
import type { PayloadView } from '../../collectors/types.ts';
import { NationalPortalSourceSchema } from '../../src/config/schema.ts';
import { PayloadFailure } from '../../src/normalise/measure.ts';
import { builtInAgencies } from '../../src/registry/agencies.ts';
import { registryLookup } from '../../src/run/registry-lookup.ts';
import type { JobSpec } from '../../src/run/job.ts';

const source = NationalPortalSourceSchema.parse({ id: 'gw', kind: 'national-portal', url: 'http://127.0.0.1:1/jsp/rest.jsp' });
const registry = registryLookup(builtInAgencies());
const job = (period: string, report = 'monthly_counts', level = 'province'): JobSpec =>
  ({ key: 'k', kind: 'collect', sourceId: 'gw', portalId: null, period, params: { report, level } });
const page = (body: unknown): PayloadView => ({ url: 'http://127.0.0.1:1/jsp/rest.jsp', status: 200, body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)) });
const row = (code: string, extra: Record<string, string> = {}) => ({
  ROW_STT: '1', ID: '1', TEN: 'x', MA_COQUAN: code, HS_TOTAL: '1000', HTN_TRUCTUYEN: '400', HTN_TRUCTIEP: '550', HTN_BUUCHINH: '50',
  DB_TOTAL: '990', DXLTH: '900', DXLQH: '20', HS_SOHOA: '700', HS_TAISUDUNG: '100', GDTTQG: '80', GDTTQG_SOTIEN: '12000000',
  TTHC_TOTAL: '1800', DVCTT_TOANTRINH: '1000', DVCTT_MOTPHAN: '500', DVCTT_PHATSINH_HS: '1200', TILE: '40.00', TILE_DB: '99.00', ...extra,
});
const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof PayloadFailure) return { reason: err.reason, message: err.message };
    throw err;
  }
  throw new Error('expected a PayloadFailure');
};

describe('national portal normaliser', () => {
  it('sends the gateway\'s own parameters', () => {
    expect(requestParams(source, job('2026-10', 'index_766', 'ministry'), 2)).toMatchObject({
      type: 'ref', service: 'report_tinh_766_service', p_nam: '2026', p_thang: '10', p_tinh_id: '0', p_loaidonvi: '1', pageIndex: 2, pageSize: 100,
    });
  });

  it('maps every field to a canonical measure of the right agency', () => {
    const { measures, notes } = nationalPortal.normalise(source, job('2026-10'), [page([row('01')])], registry);
    expect(notes).toEqual([]);
    const byMetric = Object.fromEntries(measures.map((m) => [m.metric, m.value]));
    expect(byMetric).toMatchObject({ 'dossiers.received': 1000, 'dossiers.received_online': 400, 'services.with_online_filings': 1200, 'reported.online_dossier_rate': 40 });
    expect(new Set(measures.map((m) => m.agencyCode))).toEqual(new Set(['tinh:01']));
  });

  it('puts a month before the merger under the old province with the same code', () => {
    const { measures } = nationalPortal.normalise(source, job('2025-06'), [page([row('02'), row('08')])], registry);
    expect(new Set(measures.map((m) => m.agencyCode))).toEqual(new Set(['tinh63:02', 'tinh63:08']));
    // After the merger code 02 (Hà Giang) no longer exists: a note, not a guess.
    const after = nationalPortal.normalise(source, job('2025-07'), [page([row('02'), row('08')])], registry);
    expect(new Set(after.measures.map((m) => m.agencyCode))).toEqual(new Set(['tinh:08']));
    expect(after.notes[0]).toMatchObject({ kind: 'unknown_unit' });
  });

  it('stores unreadable values as null with their reason, and reads Vietnamese number formats', () => {
    const { measures, notes } = nationalPortal.normalise(source, job('2026-10'), [page([row('01', { HS_TOTAL: '1.234', DB_TOTAL: 'N/A', DXLQH: '', TILE: '97,67' })])], registry);
    const get = (metric: string) => measures.find((m) => m.metric === metric)!;
    expect(get('dossiers.received').value).toBe(1234);
    expect(get('reported.online_dossier_rate').value).toBe(97.67);
    expect(get('dossiers.synced')).toMatchObject({ value: null, nullReason: 'not_available: the portal wrote "N/A" (DB_TOTAL)' });
    expect(get('dossiers.resolved_late')).toMatchObject({ value: null, nullReason: 'missing: the field is empty (DXLQH)' });
    expect(notes.filter((n) => n.kind === 'unreadable_value')).toHaveLength(2);
  });

  it('never stores hostile values: wrong types, negative and huge counts become null with a reason', () => {
    const hostile = row('01', { HS_TOTAL: '-5', HTN_TRUCTUYEN: '99999999999999999999', DB_TOTAL: '<script>alert(1)</script>' }) as Record<string, unknown>;
    hostile.DXLTH = { $gt: 1 };
    hostile.DXLQH = [1, 2];
    const { measures } = nationalPortal.normalise(source, job('2026-10'), [page([hostile])], registry);
    const get = (metric: string) => measures.find((m) => m.metric === metric)!;
    expect(get('dossiers.received')).toMatchObject({ value: null, nullReason: expect.stringMatching(/^negative/) });
    expect(get('dossiers.received_online')).toMatchObject({ value: null, nullReason: expect.stringMatching(/^out_of_range/) });
    expect(get('dossiers.synced')).toMatchObject({ value: null, nullReason: expect.stringMatching(/^unreadable/) });
    expect(get('dossiers.resolved_on_time')).toMatchObject({ value: null, nullReason: expect.stringMatching(/^unreadable: expected a number, got object/) });
    expect(get('dossiers.resolved_late')).toMatchObject({ value: null });
  });

  it('names each way a payload can be unusable', () => {
    expect(failure(() => nationalPortal.normalise(source, job('2026-10'), [page('<!DOCTYPE html><html><title>Hệ thống đang bảo trì</title>')], registry)))
      .toMatchObject({ reason: 'not_json', message: expect.stringContaining('Hệ thống đang bảo trì') });
    expect(failure(() => nationalPortal.normalise(source, job('2026-10'), [page('[{"HS_TOTAL": "1"')], registry)).reason).toBe('truncated');
    expect(failure(() => nationalPortal.normalise(source, job('2026-10'), [page('[{"HS_TOTAL": "1",}]')], registry)).reason).toBe('malformed_json');
    expect(failure(() => nationalPortal.normalise(source, job('2026-10'), [page([])], registry)).reason).toBe('empty');
    expect(failure(() => nationalPortal.normalise(source, job('2026-10'), [page({ rows: [] })], registry)).reason).toBe('unexpected_shape');
    expect(failure(() => nationalPortal.normalise(source, job('2026-10'), [page(['x'])], registry)).reason).toBe('unexpected_shape');
    // The gateway renamed every field: no zeros, a named failure.
    expect(failure(() => nationalPortal.normalise(source, job('2026-10'), [page([{ MA_COQUAN: '01', TOTAL_RECEIVED: '5' }])], registry)).reason).toBe('unexpected_shape');
  });

  it('keeps the first of duplicated rows and says so', () => {
    const { measures, notes } = nationalPortal.normalise(source, job('2026-10'), [page([row('01'), row('01', { HS_TOTAL: '5' })])], registry);
    expect(measures.find((m) => m.metric === 'dossiers.received')!.value).toBe(1000);
    expect(notes).toEqual([expect.objectContaining({ kind: 'duplicate_unit' })]);
  });

  it('reads 766 scores and ranks', () => {
    const score = { ROW_STT: '3', ID: '9', TEN: 'Bộ Công Thương', MA_COQUAN: 'BCT', CKMB: '17.5', TDGQ: '19.0', TTTT: '9.5', CLGQ: '11.0', MDHL: '16.0', MDSH: '20.5', TONG_SCORE: '93.5', CAPDONVIID: '1' };
    const { measures } = nationalPortal.normalise(source, job('2026-10', 'index_766', 'ministry'), [page([score])], registry);
    expect(Object.fromEntries(measures.map((m) => [m.metric, m.value]))).toEqual({
      'index766.ckmb': 17.5, 'index766.tdgq': 19, 'index766.tttt': 9.5, 'index766.clgq': 11, 'index766.mdhl': 16, 'index766.mdsh': 20.5, 'index766.total': 93.5, 'index766.rank': 3,
    });
    expect(measures[0]!.agencyCode).toBe('bo:BCT');
  });
});
