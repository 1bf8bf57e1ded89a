// The dashboard's words in the reader's language: a code a portal or the store holds (an
// endpoint's state, a data-quality flag's kind) is shown by its name in Vietnamese, never as the
// English code, and an English text that counts says "1 day", not "1 days". Pages rendered from a
// real SQLite store.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../storage/db.ts';
import { recordFlags } from '../../storage/quality.ts';
import { syncEndpoints, writeRounds, refreshRollups, type MaintenanceRow } from '../../storage/uptime.ts';
import { benchRound } from '../../scripts/bench/fixtures/dashboard-store.ts';
import { parseConfig } from '../../src/config/load.ts';
import type { Lang } from '../../src/i18n.ts';
import { syncRegistryFromConfig } from '../../src/run/sync-registry.ts';
import { DashboardData } from '../../src/server/data.ts';
import { agencyPage } from '../../src/server/pages/agency.ts';
import type { PageContext } from '../../src/server/pages/layout.ts';
import { noticeVerdict, portalsPage } from '../../src/server/pages/portals.ts';
import { heartbeat } from '../../src/server/pages/uptime-bits.ts';
import { addMonths, currentMonth } from '../../src/time/period.ts';
import { INITIAL_HEALTH } from '../../src/uptime/state-machine.ts';
import { tempDir } from '../helpers/tmp.ts';

const NOW = new Date('2026-11-20T03:00:00.000Z');
const PERIOD = addMonths(currentMonth(NOW), -1);

function store() {
  const db = openStore(join(tempDir(), 'store.sqlite'));
  const loaded = parseConfig('version: 1\nportals:\n  - { id: hn, agency: "tinh:01", name: "Cổng Hà Nội", url: "http://127.0.0.1:9/hn/" }\n', 'c.yaml', {});
  syncRegistryFromConfig(db, loaded);
  // One portal, two endpoints: the home page answers, the filing API does not.
  const endpoints = syncEndpoints(db, [
    { portalId: 'hn', key: 'home', url: 'http://127.0.0.1:9/hn/', intervalS: 60, settings: {} },
    { portalId: 'hn', key: 'api', url: 'http://127.0.0.1:9/hn/api', intervalS: 60, settings: {} },
  ]);
  for (const [key, endpoint] of endpoints) {
    let health = INITIAL_HEALTH;
    const rounds = [];
    for (let i = 0; i < 5; i++) {
      const up = key === 'hn/home';
      const round = benchRound(endpoint.id, health, up ? { kind: 'up' } : { kind: 'failed', reason: 'connect_refused' }, new Date(NOW.getTime() - (5 - i) * 60_000), up ? 120 : null);
      health = round.health;
      rounds.push(round);
    }
    writeRounds(db, rounds);
  }
  refreshRollups(db);
  recordFlags(db, [{ kind: 'outlier', sourceId: null, agencyCode: 'tinh:01', metric: 'received', period: PERIOD, detail: 'x' }], { kinds: ['outlier'], periods: [PERIOD] }, { runId: null, now: NOW });
  return { db, data: new DashboardData(db, loaded, () => NOW) };
}

const ctx = (lang: Lang, path: string): PageContext => ({ lang, period: PERIOD, periodExplicit: false, url: new URL(`http://dashboard.local${path}`), canAcknowledge: false, now: NOW });
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the dashboard\'s words for codes and counts', () => {
  it('names an endpoint\'s state in the portal list in the reader\'s language, not by its code', () => {
    const { db, data } = store();
    try {
      const vi = text(portalsPage(data, ctx('vi', '/portals')));
      expect(vi).toContain('api: =, home: hoạt động');
      expect(vi).not.toMatch(/home: up/);
      expect(text(portalsPage(data, ctx('en', '/portals')))).toContain('api: =, home: up');
    } finally {
      db.close();
    }
  });

  it('names a data-quality flag\'s kind on the agency page, not by its code', () => {
    const { db, data } = store();
    try {
      const vi = text(agencyPage(data, ctx('vi', '/agency/tinh:01'), 'tinh:01')!);
      expect(vi).toContain('bất thường received');
      expect(vi).not.toContain('outlier');
      expect(text(agencyPage(data, ctx('en', '/agency/tinh:01'), 'tinh:01')!)).toContain('outlier received');
    } finally {
      db.close();
    }
  });

  it('counts one thing in the singular in English and keeps the Vietnamese as it was', () => {
    const window = { announcedOn: '2026-11-19', workingDaysNotice: 1, announced: false } as MaintenanceRow;
    expect(noticeVerdict(window, 'en').markup).toContain('announced on 19/11/2026, 1 working day ahead');
    expect(noticeVerdict({ ...window, workingDaysNotice: 9, announced: true }, 'en').markup).toContain('9 working days ahead');
    expect(noticeVerdict(window, 'vi').markup).toContain('thông báo ngày 19/11/2026, trước 1 ngày làm việc');
    const beat = { endpointId: 1, at: NOW.toISOString(), state: 'up', reason: null };
    expect(heartbeat([beat] as never, 'home', 'en').markup).toContain('The latest probe of home: 1 up');
    expect(heartbeat([beat, beat] as never, 'home', 'en').markup).toContain('The latest 2 probes of home: 2 up');
    expect(heartbeat([beat] as never, 'home', 'vi').markup).toContain('1 lần đo gần nhất của home: 1 hoạt động');
  });

  it('gives the page\'s script its words from the catalogue, in the page\'s language', () => {
    const { db, data } = store();
    try {
      const vi = portalsPage(data, ctx('vi', '/portals'));
      expect(vi).toContain('data-t-filtered="Đang lọc: {{shown}} kết quả."');
      expect(vi).toContain('data-t-sorted-ascending="Đã sắp xếp theo {{column}}, tăng dần"');
      expect(vi).toContain('data-t-update-failed="Không cập nhật được; tải lại trang để xem số liệu mới."');
      expect(portalsPage(data, ctx('en', '/portals'))).toContain('data-t-updated="Updated at {{time}}"');
    } finally {
      db.close();
    }
  });
});
