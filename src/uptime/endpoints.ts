// From the configuration to the list of endpoints to probe, each with its settings resolved
// and its conditions parsed; plus the checks the schema alone cannot make.
import type { Config } from '../config/schema.ts';
import type { Lang } from '../i18n.ts';
import { msg, msgBoth } from '../messages/index.ts';
import { parseCondition, type Condition } from './conditions.ts';
import { noticeVerdict, type MaintenanceWindow, type NoticeVerdict } from './maintenance.ts';

export interface EndpointSpec {
  portalId: string;
  /** Endpoint id within the portal ("home", "status", …). */
  key: string;
  url: string;
  method: 'GET' | 'HEAD';
  headers: Record<string, string>;
  intervalMs: number;
  timeoutMs: number;
  slowMs: number;
  downAfter: number;
  confirmDelayMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
  conditions: Condition[];
  softConditions: Condition[];
  /** Scale-out: the locations that probe it (absent: every configured location). */
  locations?: string[];
}

/** "dvc-hanoi/home": how endpoints are named in logs and output. */
export const endpointName = (e: { portalId: string; key: string }) => `${e.portalId}/${e.key}`;

export function endpointsOf(config: Config): EndpointSpec[] {
  const d = config.uptime.defaults;
  const out: EndpointSpec[] = [];
  for (const portal of config.portals) {
    if (!portal.enabled) continue;
    const probes = portal.probes ?? [
      { id: 'home', url: portal.url, method: 'GET' as const, conditions: [], softConditions: [], headers: {} },
      ...(portal.statusUrl ? [{ id: 'status', url: portal.statusUrl, method: 'GET' as const, conditions: [], softConditions: [], headers: {} }] : []),
    ];
    for (const p of probes) {
      const settings = p as Partial<{ intervalSeconds: number; timeoutMs: number; slowMs: number; downAfter: number }>;
      out.push({
        portalId: portal.id,
        key: p.id,
        url: p.url,
        method: p.method,
        headers: p.headers,
        intervalMs: (settings.intervalSeconds ?? d.intervalSeconds) * 1000,
        timeoutMs: settings.timeoutMs ?? d.timeoutMs,
        slowMs: settings.slowMs ?? d.slowMs,
        downAfter: settings.downAfter ?? d.downAfter,
        confirmDelayMs: d.confirmDelayMs,
        maxBodyBytes: d.maxBodyBytes,
        maxRedirects: d.maxRedirects,
        conditions: p.conditions.map(parseCondition),
        softConditions: p.softConditions.map(parseCondition),
        ...('locations' in p && p.locations ? { locations: p.locations } : {}),
      });
    }
  }
  return out;
}

export interface DeclaredWindow extends MaintenanceWindow, NoticeVerdict {}

export function maintenanceWindowsOf(config: Config): DeclaredWindow[] {
  const holidays = new Set(config.uptime.holidays);
  return config.uptime.maintenance.map((m) => {
    const window: MaintenanceWindow = {
      id: m.id, portalId: m.portal, endpoints: m.endpoints,
      startsAt: new Date(m.from).toISOString(), endsAt: new Date(m.to).toISOString(),
      announcedOn: m.announcedOn ?? null, note: m.note,
    };
    return { ...window, ...noticeVerdict(window, holidays) };
  });
}

/** Problems the schema cannot see, as [path, message] pairs in the config loader's style. */
export function crossCheckUptime(config: Config): Array<[Array<string | number>, Record<Lang, string>]> {
  const problems: Array<[Array<string | number>, Record<Lang, string>]> = [];
  const d = config.uptime.defaults;
  const endpointsByPortal = new Map<string, Set<string>>();
  config.portals.forEach((portal, i) => {
    const ids = new Set<string>();
    (portal.probes ?? []).forEach((p, j) => {
      if (ids.has(p.id)) problems.push([['portals', i, 'probes', j, 'id'], msgBoth('config.check.duplicateEndpoint', { value: `"${p.id}"` })]);
      ids.add(p.id);
      const interval = (p.intervalSeconds ?? d.intervalSeconds) * 1000;
      const timeout = p.timeoutMs ?? d.timeoutMs;
      if (timeout >= interval) {
        problems.push([['portals', i, 'probes', j, 'timeoutMs'], msgBoth('config.check.timeoutNotShorter', { timeout, interval: interval / 1000 })]);
      }
    });
    if (!portal.probes) {
      ids.add('home');
      if (portal.statusUrl) ids.add('status');
    }
    endpointsByPortal.set(portal.id, ids);
  });
  if (d.timeoutMs >= d.intervalSeconds * 1000) {
    problems.push([['uptime', 'defaults', 'timeoutMs'], msgBoth('config.check.timeoutNotShorter', { timeout: d.timeoutMs, interval: d.intervalSeconds })]);
  }
  const windowIds = new Set<string>();
  config.uptime.maintenance.forEach((m, i) => {
    const at = (key: string): Array<string | number> => ['uptime', 'maintenance', i, key];
    if (windowIds.has(m.id)) problems.push([at('id'), msgBoth('config.check.duplicateMaintenance', { value: `"${m.id}"` })]);
    windowIds.add(m.id);
    const endpoints = endpointsByPortal.get(m.portal);
    if (!endpoints) {
      problems.push([at('portal'), msgBoth('config.check.unknownPortal', { value: `"${m.portal}"` })]);
    } else {
      for (const e of m.endpoints) {
        const known = (lang: Lang) => msg(lang, 'config.check.unknownEndpoint', { value: `"${e}"`, portal: `"${m.portal}"`, endpoints: [...endpoints].join(', ') || msg(lang, 'config.check.none') });
        if (!endpoints.has(e)) problems.push([at('endpoints'), { vi: known('vi'), en: known('en') }]);
      }
    }
    if (Date.parse(m.to) <= Date.parse(m.from)) problems.push([at('to'), msgBoth('config.check.windowEndsFirst', { value: `"${m.to}"`, from: m.from })]);
  });
  return problems;
}
