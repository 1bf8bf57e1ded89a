// Two sources giving the same measure with different values: the configured priority decides
// which is kept, a tie keeps the figure stored first, nothing flips from one run to the next,
// and the disagreement is flagged as inconsistent whichever source wins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { monthlyFigures } from '../../scripts/sandbox/data.ts';
import { openStore, type Db } from '../../storage/db.ts';
import { openFlags } from '../../storage/quality.ts';
import { collect, lastRunJobs, measureValue } from '../helpers/collect.ts';
import { tempDir } from '../helpers/tmp.ts';

const PERIOD = '2026-03';
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 2026 });
});
afterAll(async () => {
  await sandbox.close();
});

// The same gateway twice; the second reads its online-filings field as the dossier total, so
// the two disagree on dossiers.received for every province.
const sources = (priorityA: number, priorityB: number) => `
  - { id: nguon-a, kind: national-portal, url: "${sandbox.url}/jsp/rest.jsp", reports: [monthly_counts], levels: [province], priority: ${priorityA} }
  - { id: nguon-b, kind: national-portal, url: "${sandbox.url}/jsp/rest.jsp", reports: [monthly_counts], levels: [province], priority: ${priorityB},
      fieldMap: { HS_TOTAL: dossiers.received_direct, HTN_TRUCTIEP: dossiers.received } }
`;

const source = (db: Db, agency: string, metric: string) =>
  db.prepare('SELECT source_id FROM measure WHERE agency_code = ? AND metric = ? AND period = ?').pluck().get(agency, metric, PERIOD);

describe('two sources for the same figure', () => {
  const hanoi = () => monthlyFigures(2026, PERIOD, 'province').find((u) => u.unit.gatewayCode === '01')!.monthly;

  it('keeps the higher priority\'s figure on every run, whichever writes last, and flags the disagreement', async () => {
    const db = openStore(join(tempDir(), 'priority.sqlite'));
    // nguon-a first and higher: nguon-b, writing after it, does not replace its figure.
    for (let run = 0; run < 2; run++) {
      expect((await collect(db, sources(10, 0), [PERIOD])).jobsFailed).toBe(0);
      expect(measureValue(db, 'tinh:01', 'dossiers.received', PERIOD)!.value).toBe(hanoi().received);
      expect(source(db, 'tinh:01', 'dossiers.received')).toBe('nguon-a');
    }
    const notesOf = () => lastRunJobs(db).flatMap((j) => j.notes).filter((n) => n.kind === 'sources_disagree' && n.agencyCode === 'tinh:01' && n.metric === 'dossiers.received');
    expect(notesOf().map((n) => n.message)).toEqual([`tinh:01 dossiers.received ${PERIOD}: nguon-b gives ${hanoi().receivedDirect}, nguon-a gave ${hanoi().received}; nguon-a is kept (higher priority)`]);
    const flags = openFlags(db, { period: PERIOD }).filter((f) => f.kind === 'inconsistent' && f.agencyCode === 'tinh:01' && f.metric === 'dossiers.received');
    expect(flags.map((f) => f.sourceId)).toEqual(['nguon-b']);

    // The operator raises nguon-b: its figure replaces nguon-a's, and stays.
    for (let run = 0; run < 2; run++) {
      await collect(db, sources(0, 10), [PERIOD]);
      expect(measureValue(db, 'tinh:01', 'dossiers.received', PERIOD)!.value).toBe(hanoi().receivedDirect);
      expect(source(db, 'tinh:01', 'dossiers.received')).toBe('nguon-b');
    }
    expect(notesOf().map((n) => n.message)).toEqual([`tinh:01 dossiers.received ${PERIOD}: nguon-a gives ${hanoi().received}, nguon-b gave ${hanoi().receivedDirect}; nguon-b is kept (higher priority)`]);
    db.close();
  });

  it('on a tie keeps the figure stored first instead of taking turns', async () => {
    const db = openStore(join(tempDir(), 'tie.sqlite'));
    for (let run = 0; run < 2; run++) {
      await collect(db, sources(0, 0), [PERIOD]);
      // nguon-a's job runs first: its figure stays although nguon-b writes after it every night.
      expect(measureValue(db, 'tinh:01', 'dossiers.received', PERIOD)!.value).toBe(hanoi().received);
      expect(source(db, 'tinh:01', 'dossiers.received')).toBe('nguon-a');
    }
    const notes = lastRunJobs(db).flatMap((j) => j.notes).filter((n) => n.kind === 'sources_disagree' && n.agencyCode === 'tinh:01' && n.metric === 'dossiers.received');
    expect(notes.map((n) => n.message)).toEqual([`tinh:01 dossiers.received ${PERIOD}: nguon-b gives ${hanoi().receivedDirect}, nguon-a gave ${hanoi().received}; nguon-a is kept (same priority: the figure stored first stays)`]);
    db.close();
  });
});
