import { describe, expect, it } from 'vitest';
import { pageUrl, platformApi } from '../../collectors/platform-api.ts';
import { PlatformApiSourceSchema } from '../../src/config/schema.ts';
import { failureOf, jobFor, payload, registry, valueOf } from '../helpers/normalise.ts';

const source = PlatformApiSourceSchema.parse({
  id: 'igate', kind: 'platform-api', url: 'http://127.0.0.1:1/igate/',
  auth: { tokenUrl: 'http://127.0.0.1:1/realms/x/protocol/openid-connect/token', clientId: 'c', clientSecretEnv: 'IGATE_SECRET' },
  reports: [{ id: 'ho-so', path: '/pa/dossier-statistic/by-agency', query: { level: '2' }, fields: { 'received.total': 'dossiers.received', 'received.online': 'dossiers.received_online' } }],
  agencies: { a1: 'tinh:48', a2: 'xa:dn-haichau', a0: 'tinh63:48' },
});
const job = (period = '2026-09') => jobFor(period, { report: 'ho-so' });
const item = (id: unknown, received: unknown = { total: 1000, online: '1.234' }) => ({ agency: { id, name: 'x' }, received });
const page = (content: unknown) => payload({ content, last: true });

describe('platform API normaliser', () => {
  it('asks for one month by its first and last day, page by page', () => {
    const url = new URL(pageUrl(source, source.reports[0]!, '2026-02', 3));
    expect(url.pathname).toBe('/igate/pa/dossier-statistic/by-agency');
    expect(Object.fromEntries(url.searchParams)).toEqual({ fromDate: '2026-02-01', toDate: '2026-02-28', level: '2', page: '3', size: '50' });
    const vn = PlatformApiSourceSchema.parse({ ...source, dateParams: { from: 'tuNgay', to: 'denNgay', format: 'dd/MM/yyyy' } });
    expect(new URL(pageUrl(vn, vn.reports[0]!, '2026-02', 0)).searchParams.get('denNgay')).toBe('28/02/2026');
  });

  it('maps opaque agency ids through the config and reads nested fields over every page', () => {
    const r = platformApi.normalise(source, job(), [page([item('a1')]), page([item('a2', { total: '2.000', online: 5 })])], registry);
    expect(valueOf(r, 'tinh:48', 'dossiers.received')?.value).toBe(1000);
    expect(valueOf(r, 'tinh:48', 'dossiers.received_online')?.value).toBe(1234);
    expect(valueOf(r, 'xa:dn-haichau', 'dossiers.received')).toMatchObject({ value: 2000, payloadIndex: 1 });
  });

  it('skips unmapped ids and agencies that did not exist in the month, with notes', () => {
    const r = platformApi.normalise(source, job('2025-06'), [page([item('a0'), item('a2'), item('zz')])], registry);
    expect(r.measures.map((m) => m.agencyCode)).toEqual(['tinh63:48', 'tinh63:48']);
    expect(r.notes.map((n) => n.kind)).toEqual(['unknown_unit', 'unknown_unit']);
    expect(r.notes[0]!.message).toContain('xa:dn-haichau, which did not exist in 2025-06');
  });

  it('stores negative, huge and wrongly typed values as null with a reason', () => {
    const r = platformApi.normalise(source, job(), [page([item('a1', { total: -5, online: 1e20 }), item('a2', { total: { n: 1 }, online: '12,5' })])], registry);
    expect(valueOf(r, 'tinh:48', 'dossiers.received')!.nullReason).toMatch(/^negative/);
    expect(valueOf(r, 'tinh:48', 'dossiers.received_online')!.nullReason).toMatch(/^out_of_range/);
    expect(valueOf(r, 'xa:dn-haichau', 'dossiers.received')!.nullReason).toMatch(/^unreadable: expected a number, got object/);
    expect(valueOf(r, 'xa:dn-haichau', 'dossiers.received_online')!.nullReason).toMatch(/^not_a_count/);
  });

  it('names each way an answer can be unusable', async () => {
    expect((await failureOf(() => platformApi.normalise(source, job(), [payload({ data: [] })], registry))).reason).toBe('unexpected_shape');
    expect((await failureOf(() => platformApi.normalise(source, job(), [page(['x'])], registry))).reason).toBe('unexpected_shape');
    expect((await failureOf(() => platformApi.normalise(source, job(), [page([])], registry))).reason).toBe('empty');
    expect((await failureOf(() => platformApi.normalise(source, job(), [page([{ agency: { id: 'a1' }, total: 5 }])], registry))).reason).toBe('unexpected_shape');
    expect((await failureOf(() => platformApi.normalise(source, job(), [payload('<html><title>Đăng nhập</title>')], registry))).reason).toBe('not_json');
    expect((await failureOf(() => platformApi.normalise(source, job(), [payload('{"content": [')], registry))).reason).toBe('truncated');
    expect((await failureOf(() => platformApi.normalise(source, job(), [payload('{"content": [}')], registry))).reason).toBe('malformed_json');
  });
});
