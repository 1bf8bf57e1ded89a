// Agencies, portals and sources: synchronised from the built-in registry and the config.
import type { Agency } from '../src/registry/agencies.ts';
import type { Db } from './db.ts';


export interface PortalRow {
  id: string;
  agencyCode: string;
  name: string;
  url: string;
  settings: unknown;
}

export interface SourceRow {
  id: string;
  kind: string;
  portalId: string | null;
  /** Higher wins when two sources give the same measure. */
  priority: number;
  settings: unknown;
}

/**
 * Upserts every agency, portal and source; portals and sources no longer configured are
 * disabled, not deleted, so their history keeps its references.
 */
export function syncRegistry(db: Db, agencies: Agency[], portals: PortalRow[], sources: SourceRow[]): void {
  const upsertAgency = db.prepare(`
    INSERT INTO agency (code, name, level, valid_from, valid_to, succeeded_by, gateway_code, parent_code, origin)
    VALUES (@code, @name, @level, @validFrom, @validTo, NULL, @gatewayCode, NULL, @origin)
    ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
      valid_from = excluded.valid_from, valid_to = excluded.valid_to,
      gateway_code = excluded.gateway_code, origin = excluded.origin`);
  // Links are set in a second pass: a successor or parent may come later in the list.
  const linkAgency = db.prepare('UPDATE agency SET succeeded_by = ?, parent_code = ? WHERE code = ?');
  const upsertPortal = db.prepare(`
    INSERT INTO portal (id, agency_code, name, url, enabled, settings_json)
    VALUES (@id, @agencyCode, @name, @url, 1, @settings)
    ON CONFLICT (id) DO UPDATE SET agency_code = excluded.agency_code, name = excluded.name,
      url = excluded.url, enabled = 1, settings_json = excluded.settings_json`);
  const upsertSource = db.prepare(`
    INSERT INTO source (id, kind, portal_id, enabled, priority, settings_json)
    VALUES (@id, @kind, @portalId, 1, @priority, @settings)
    ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, portal_id = excluded.portal_id,
      enabled = 1, priority = excluded.priority, settings_json = excluded.settings_json`);

  db.transaction(() => {
    for (const a of agencies) upsertAgency.run({ ...a });
    for (const a of agencies) linkAgency.run(a.succeededBy, a.parent, a.code);
    db.prepare('UPDATE portal SET enabled = 0').run();
    for (const p of portals) upsertPortal.run({ ...p, settings: JSON.stringify(p.settings) });
    db.prepare('UPDATE source SET enabled = 0').run();
    for (const s of sources) upsertSource.run({ ...s, settings: JSON.stringify(s.settings) });
  })();
}

interface AgencyDbRow {
  code: string; name: string; level: Agency['level']; valid_from: string | null; valid_to: string | null;
  succeeded_by: string | null; gateway_code: string | null; parent_code: string | null; origin: 'builtin' | 'config';
}

const toAgency = (r: AgencyDbRow): Agency => ({
  code: r.code, name: r.name, level: r.level, validFrom: r.valid_from, validTo: r.valid_to,
  succeededBy: r.succeeded_by, gatewayCode: r.gateway_code, parent: r.parent_code, origin: r.origin,
});

export function listAgencies(db: Db): Agency[] {
  return (db.prepare('SELECT * FROM agency ORDER BY code').all() as AgencyDbRow[]).map(toAgency);
}

export function getAgency(db: Db, code: string): Agency | undefined {
  const row = db.prepare('SELECT * FROM agency WHERE code = ?').get(code) as AgencyDbRow | undefined;
  return row && toAgency(row);
}
