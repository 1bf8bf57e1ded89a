// Status endpoints of portals and their platforms: the Atlassian Statuspage summary
// (/api/v2/summary.json) or any JSON, mapped path by path. A status says how things are now,
// so only the current month is collected; the month's last run sets its value.
//
// Statuspage metrics:
//   status.indicator              0 none, 1 minor, 2 major, 3 critical (the page's own verdict)
//   status.components_total       components, not counting the groups that only hold others
//   status.components_operational those whose status is "operational"
//   status.incidents_open         incidents not yet resolved
import type { StatusEndpointSourceConfig } from '../src/config/schema.ts';
import { PayloadFailure, parseJsonBody } from '../src/normalise/measure.ts';
import { selectJson } from '../src/normalise/json-path.ts';
import { MeasureSink } from '../src/normalise/sink.ts';
import { normaliseLabel } from '../src/normalise/text.ts';
import { currentMonth } from '../src/time/period.ts';
import { fetchDocument, onlyPayload, periodJobs } from './common.ts';
import type { Collector } from './types.ts';

/** Statuspage's `status.indicator`, as a number that sorts by gravity. */
export const STATUSPAGE_INDICATOR: Readonly<Record<string, number>> = { none: 0, minor: 1, major: 2, critical: 3 };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function readStatuspage(doc: Record<string, unknown>, agencyCode: string, sink: MeasureSink): void {
  const { components, incidents, status } = doc;
  if (!Array.isArray(components) || !components.every(isObject)) {
    throw new PayloadFailure('unexpected_shape', 'the status page has no "components" array of objects: not a Statuspage summary');
  }
  const leaves = components.filter((c) => c.group !== true);
  sink.read(agencyCode, 'status.components_total', leaves.length, 'components', 0);
  sink.read(agencyCode, 'status.components_operational', leaves.filter((c) => c.status === 'operational').length, 'components[*].status', 0);
  if (Array.isArray(incidents)) {
    const open = incidents.filter((i) => !isObject(i) || (i.status !== 'resolved' && i.status !== 'postmortem'));
    sink.read(agencyCode, 'status.incidents_open', open.length, 'incidents', 0);
  } else {
    sink.notFound(agencyCode, 'status.incidents_open', 'the summary has no "incidents" array', 0);
  }
  const indicator = isObject(status) ? status.indicator : undefined;
  if (typeof indicator === 'string' && indicator in STATUSPAGE_INDICATOR) {
    sink.read(agencyCode, 'status.indicator', STATUSPAGE_INDICATOR[indicator], 'status.indicator', 0);
  } else {
    sink.notFound(agencyCode, 'status.indicator', `status.indicator is ${JSON.stringify(indicator ?? null)}, not one of ${Object.keys(STATUSPAGE_INDICATOR).join(', ')}`, 0);
  }
}

type Field = StatusEndpointSourceConfig['fields'][number];

function readField(doc: unknown, field: Field, agencyCode: string, sink: MeasureSink): void {
  const { path, metric } = field;
  if (field.aggregate === 'count') {
    // Count what the path finds, but only if its list exists: an absent list is missing, not 0.
    const wildcard = path.lastIndexOf('[*]');
    if (wildcard >= 0 && !selectJson(doc, path.slice(0, wildcard)).some(Array.isArray)) {
      sink.notFound(agencyCode, metric, `${path.slice(0, wildcard)} is not a list in the answer`, 0);
      return;
    }
    const values = selectJson(doc, path).filter((v) => field.equals === undefined || v === field.equals);
    sink.read(agencyCode, metric, values.length, path, 0);
    return;
  }
  const values = selectJson(doc, path);
  if (values.length === 0) return sink.notFound(agencyCode, metric, `${path} is not in the answer`, 0);
  if (values.length > 1) return sink.notFound(agencyCode, metric, `${path} finds ${values.length} values; pick one with [n] or count them with aggregate: count`, 0);
  const [value] = values;
  if (field.map) {
    const mapped = Object.entries(field.map).find(([text]) => typeof value === 'string' && normaliseLabel(text) === normaliseLabel(value));
    if (!mapped) return sink.notFound(agencyCode, metric, `${path} is ${JSON.stringify(value)}, which the map does not name`, 0);
    return sink.read(agencyCode, metric, mapped[1], path, 0);
  }
  sink.read(agencyCode, metric, typeof value === 'boolean' ? Number(value) : value, path, 0);
}

export const statusEndpoint = {
  kind: 'status-endpoint',

  plan(source, periods) {
    const now = currentMonth();
    return periodJobs(source.id, periods.filter((p) => p === now));
  },

  collect(source, _job, { http, signal }) {
    return fetchDocument(http, source.url, 'application/json', 'the status endpoint', signal);
  },

  normalise(source, job, payloads) {
    const doc = parseJsonBody(onlyPayload(payloads, 'the status endpoint').body, 'the status endpoint');
    if (!isObject(doc)) throw new PayloadFailure('unexpected_shape', `the status endpoint answered JSON ${Array.isArray(doc) ? 'array' : typeof doc} where an object was expected`);
    const sink = new MeasureSink(job.period!);
    if (source.format === 'statuspage') readStatuspage(doc, source.agency, sink);
    for (const field of source.fields) readField(doc, field, source.agency, sink);
    if (sink.valuesRead === 0) throw new PayloadFailure('unexpected_shape', `none of the mapped values is in the answer (${source.fields.map((f) => f.path).join(', ')}): its format changed`);
    return sink.result();
  },
} satisfies Collector<StatusEndpointSourceConfig>;
