// The registry rows (agencies, portals, sources) the configuration describes, written to the store.
import type { Db } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import type { LoadedConfig } from '../config/load.ts';

export function syncRegistryFromConfig(db: Db, loaded: LoadedConfig): void {
  const { config, agencies } = loaded;
  syncRegistry(
    db,
    agencies,
    config.portals.filter((p) => p.enabled).map((p) => ({ id: p.id, agencyCode: p.agency, name: p.name, url: p.url, settings: { pages: p.pages, statusUrl: p.statusUrl } })),
    config.sources.filter((s) => s.enabled).map(({ id, kind, priority, ...settings }) => ({ id, kind, portalId: null, priority, settings })),
  );
}
