import { describe, expect, it } from 'vitest';
import { statusEndpoint } from '../../collectors/status-endpoint.ts';
import { StatusEndpointSourceSchema } from '../../src/config/schema.ts';
import { failureOf, jobFor, payload, registry, valueOf } from '../helpers/normalise.ts';

const statuspage = StatusEndpointSourceSchema.parse({ id: 's', kind: 'status-endpoint', url: 'http://127.0.0.1:1/api/v2/summary.json', agency: 'tinh:01' });
const generic = (fields: unknown[]) => StatusEndpointSourceSchema.parse({ id: 's', kind: 'status-endpoint', url: 'http://127.0.0.1:1/s', agency: 'tinh:01', format: 'json', fields });
const job = jobFor('2026-10');
const summary = (over: Record<string, unknown> = {}) => ({
  page: { id: 'p' },
  components: [
    { id: 'a', status: 'operational' }, { id: 'b', status: 'major_outage' }, { id: 'g', status: 'operational', group: true }, { id: 'c', status: 'under_maintenance' },
  ],
  incidents: [{ id: 'i1', status: 'investigating' }, { id: 'i2', status: 'resolved' }],
  status: { indicator: 'major', description: 'Major System Outage' },
  ...over,
});

describe('status endpoint normaliser', () => {
  it('counts Statuspage components (groups aside) and codes the indicator', async () => {
    const r = await statusEndpoint.normalise(statuspage, job, [payload(summary())]);
    expect(valueOf(r, 'tinh:01', 'status.components_total')?.value).toBe(3);
    expect(valueOf(r, 'tinh:01', 'status.components_operational')?.value).toBe(1);
    expect(valueOf(r, 'tinh:01', 'status.incidents_open')?.value).toBe(1);
    expect(valueOf(r, 'tinh:01', 'status.indicator')?.value).toBe(2);
  });

  it('stores an unknown indicator as missing, with a note, not as 0', async () => {
    const r = await statusEndpoint.normalise(statuspage, job, [payload(summary({ status: { indicator: 'purple' } }))]);
    expect(valueOf(r, 'tinh:01', 'status.indicator')).toMatchObject({ value: null, nullReason: expect.stringContaining('"purple"') });
    expect(r.notes[0]).toMatchObject({ kind: 'not_found', agencyCode: 'tinh:01', metric: 'status.indicator', period: '2026-10' });
  });

  it('reads generic JSON by path: mapped text, counts, numbers in either format', async () => {
    const src = generic([
      { path: 'status', metric: 'status.indicator', map: { ok: 0, degraded: 1 } },
      { path: 'components[*].status', metric: 'status.components_operational', aggregate: 'count', equals: 'ok' },
      { path: 'metrics.uptime', metric: 'status.uptime_pct' },
      { path: 'metrics.missing', metric: 'status.latency_ms' },
    ]);
    const r = await statusEndpoint.normalise(src, job, [payload({ status: 'Degraded', components: [{ status: 'ok' }, { status: 'down' }], metrics: { uptime: '99,95' } })]);
    expect(valueOf(r, 'tinh:01', 'status.indicator')?.value).toBe(1);
    expect(valueOf(r, 'tinh:01', 'status.components_operational')?.value).toBe(1);
    expect(valueOf(r, 'tinh:01', 'status.uptime_pct')?.value).toBe(99.95);
    expect(valueOf(r, 'tinh:01', 'status.latency_ms')).toMatchObject({ value: null, nullReason: 'missing: metrics.missing is not in the answer' });
  });

  it('does not count an absent list as zero', async () => {
    const src = generic([{ path: 'status', metric: 'status.indicator', map: { ok: 0 } }, { path: 'components[*]', metric: 'status.components_total', aggregate: 'count' }]);
    const r = await statusEndpoint.normalise(src, job, [payload({ status: 'ok' })]);
    expect(valueOf(r, 'tinh:01', 'status.components_total')).toMatchObject({ value: null, nullReason: 'missing: components is not a list in the answer' });
  });

  it('names wrong types, huge numbers and HTML', async () => {
    expect((await failureOf(() => statusEndpoint.normalise(statuspage, job, [payload(summary({ components: 'all good' }))]))).reason).toBe('unexpected_shape');
    expect((await failureOf(() => statusEndpoint.normalise(statuspage, job, [payload([1, 2])]))).reason).toBe('unexpected_shape');
    expect((await failureOf(() => statusEndpoint.normalise(statuspage, job, [payload('<!DOCTYPE html><title>Bảo trì</title>')]))).reason).toBe('not_json');
    const src = generic([{ path: 'uptime', metric: 'status.uptime_pct' }]);
    expect((await failureOf(() => statusEndpoint.normalise(src, job, [payload({ other: 1 })]))).reason).toBe('unexpected_shape');
    const huge = await statusEndpoint.normalise(generic([{ path: 'uptime', metric: 'status.uptime_pct' }, { path: 'ok', metric: 'status.up' }]), job, [payload('{"uptime": 1e400, "ok": true}')]);
    expect(valueOf(huge, 'tinh:01', 'status.uptime_pct')).toMatchObject({ value: null, nullReason: expect.stringMatching(/^unreadable/) });
  });
});
