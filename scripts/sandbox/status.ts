// Status endpoints: a plain health JSON (/api/status.json) and an Atlassian-Statuspage-shaped
// summary (/api/v2/summary.json), both reflecting the active faults so the uptime monitor can
// compare what a portal claims with what it measures. The summary also carries two planned
// maintenances, one announced well ahead and one announced too late (NĐ 224/2026 Art. 13 asks
// for 7 working days), for the availability checker.
import { GATEWAY_PATH } from './gateway.ts';
import type { Fault, FaultListing } from './faults.ts';
import { SITE_IDS, SITES } from './sites.ts';

export type ComponentState = 'ok' | 'degraded' | 'down';

export interface StatusComponent {
  id: string;
  name: string;
  status: ComponentState;
  /** Path on the sandbox. */
  url: string;
}

function stateOf(fault: Fault): ComponentState {
  switch (fault.mode) {
    case 'redesigned':
      return 'ok'; // a new layout is not an outage
    case 'slow':
    case 'bad_values':
    case 'empty_array':
    case 'truncated':
    case 'rate_limited':
    case 'endless_script':
      return 'degraded';
    default:
      return 'down';
  }
}

const WORSE: Record<ComponentState, number> = { ok: 0, degraded: 1, down: 2 };

function worst(a: ComponentState, b: ComponentState): ComponentState {
  return WORSE[b] > WORSE[a] ? b : a;
}

export function components(faults: FaultListing[]): StatusComponent[] {
  let gateway: ComponentState = 'ok';
  for (const f of faults) {
    if (f.route === 'gateway') gateway = worst(gateway, stateOf(f.fault));
    // One service failing leaves the others up: degraded at worst.
    else if (f.route.startsWith('gateway:')) gateway = worst(gateway, stateOf(f.fault) === 'ok' ? 'ok' : 'degraded');
  }
  const out: StatusComponent[] = [{ id: 'gateway', name: 'Cổng Dịch vụ công quốc gia – API thống kê', status: gateway, url: GATEWAY_PATH }];
  for (const id of SITE_IDS) {
    const fault = faults.find((f) => f.route === `site:${id}`);
    out.push({ id: `site:${id}`, name: SITES[id].name, status: fault ? stateOf(fault.fault) : 'ok', url: `/sites/${id}/` });
  }
  return out;
}

export function statusJson(faults: FaultListing[], updatedAt: Date): unknown {
  const list = components(faults);
  const overall = list.reduce<ComponentState>((acc, c) => worst(acc, c.status), 'ok');
  return {
    status: overall === 'ok' ? 'ok' : 'degraded',
    components: list,
    updated_at: updatedAt.toISOString(),
  };
}

const STATUSPAGE_STATE: Record<ComponentState, string> = {
  ok: 'operational', degraded: 'degraded_performance', down: 'major_outage',
};

const PAGE_ID = 'dvcsandbox01';
const CREATED_AT = '2024-01-01T00:00:00.000Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function componentId(id: string): string {
  return `cmp-${id.replace(':', '-')}`;
}

/**
 * `dataNow` (the sandbox's fixed `now`) dates the planned maintenances so they are the same
 * for a given start; `clock` is the time the answer is produced.
 */
export function statuspageSummary(faults: FaultListing[], dataNow: Date, clock: Date, baseUrl: string): unknown {
  const list = components(faults);
  const updated = clock.toISOString();
  const comps = list.map((c, i) => ({
    id: componentId(c.id), name: c.name, status: STATUSPAGE_STATE[c.status], created_at: CREATED_AT, updated_at: updated,
    position: i + 1, description: null, showcase: false, start_date: '2024-01-01', group_id: null, page_id: PAGE_ID,
    group: false, only_show_if_degraded: false,
  }));
  const down = list.some((c) => c.status === 'down');
  const degraded = list.some((c) => c.status === 'degraded');
  const indicator = down ? 'major' : degraded ? 'minor' : 'none';
  const description = down ? 'Major System Outage' : degraded ? 'Partially Degraded Service' : 'All Systems Operational';
  const hour = Math.floor(dataNow.getTime() / HOUR) * HOUR;
  const maintenance = (key: string, site: 'hanoi' | 'bct', announcedDaysBefore: number, startsInDays: number) => {
    const created = new Date(hour - (announcedDaysBefore - startsInDays) * DAY).toISOString();
    const from = new Date(hour + startsInDays * DAY).toISOString();
    const until = new Date(hour + startsInDays * DAY + 4 * HOUR).toISOString();
    const body = `Bảo trì, nâng cấp hệ thống ${SITES[site].name}. Dự kiến hoạt động trở lại lúc ${until} (UTC).`;
    return {
      id: `mnt-${key}`, name: `Bảo trì định kỳ ${SITES[site].name}`, status: 'scheduled', created_at: created, updated_at: created,
      monitoring_at: null, resolved_at: null, impact: 'maintenance', shortlink: `${baseUrl}/api/v2/summary.json#mnt-${key}`,
      started_at: created, page_id: PAGE_ID,
      incident_updates: [{
        id: `upd-${key}`, status: 'scheduled', body, incident_id: `mnt-${key}`, created_at: created, updated_at: created,
        display_at: created, affected_components: [{ code: componentId(`site:${site}`), name: SITES[site].name, old_status: 'operational', new_status: 'under_maintenance' }],
      }],
      components: comps.filter((c) => c.id === componentId(`site:${site}`)),
      scheduled_for: from, scheduled_until: until,
    };
  };
  return {
    page: { id: PAGE_ID, name: 'Dịch vụ công (sandbox)', url: baseUrl, time_zone: 'Asia/Ho_Chi_Minh', updated_at: updated },
    components: comps,
    incidents: [],
    // hanoi: announced 15 days ahead (compliant); bct: 3 days ahead (too late).
    scheduled_maintenances: [maintenance('hanoi', 'hanoi', 15, 5), maintenance('bct', 'bct', 3, 2)],
    status: { indicator, description },
  };
}
