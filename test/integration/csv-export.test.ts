// Issue 13 item 15: `dvc-monitor export --format csv` from a real store, where a portal's text
// (a missing value's reason, a locator) was written to look like a formula. Every cell a
// spreadsheet would read as a formula is neutralised, "-2+3+cmd|…" included, while the numeric
// column keeps -45.5 a number.
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvCell } from '../../src/cli/csv.ts';
import { parseConfig } from '../../src/config/load.ts';
import { upsertMeasures } from '../../storage/measures.ts';
import { openStore } from '../../storage/db.ts';
import { syncRegistry } from '../../storage/registry.ts';
import { runCli } from '../helpers/cli.ts';
import { parseCsv } from '../helpers/csv.ts';
import { tempDir } from '../helpers/tmp.ts';

const HOSTILE = [
  "-2+3+cmd|' /C calc'!A0", '=HYPERLINK("http://evil.example","Xem ngay")', '+1+cmd|x', '@SUM(A1:A9)', '\t=1+1', '\r=1+1',
  '  =1+1', '＝1+1', '＋1+1', '－2+3', '＠SUM(1)', '﹦1+1', '-1e3+cmd|x', '- 2',
];

/** What a spreadsheet does with a cell: a formula, a number, or text. */
function spreadsheetReads(cell: string): 'formula' | 'number' | 'text' {
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(cell)) return 'number';
  if (/^[\s\u00a0\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b\t\r]/.test(cell)) return 'formula';
  return 'text';
}

describe('CSV export', () => {
  it('neutralises every cell a spreadsheet would read as a formula and keeps negative numbers numbers', async () => {
    const dir = tempDir();
    const config = join(dir, 'config.yaml');
    const text = 'version: 1\nportals: []\n';
    writeFileSync(config, text);
    const loaded = parseConfig(text, config, {});
    const dbFile = join(dir, 'store.sqlite');
    const db = openStore(dbFile);
    syncRegistry(db, loaded.agencies, [], []);
    const metrics = ['dossiers.received', 'dossiers.received_online', 'dossiers.received_direct', 'dossiers.received_post', 'dossiers.synced', 'dossiers.digitised', 'dossiers.reusing_data',
      'dossiers.resolved_on_time', 'dossiers.resolved_late', 'services.online_full', 'services.online_partial', 'procedures.total', 'services.with_online_filings', 'payments.online_count'];
    upsertMeasures(db, [
      { agencyCode: 'tinh:01', metric: 'reported.online_dossier_rate', period: '2026-09', value: -45.5, nullReason: null, snapshotId: null, locator: HOSTILE[1] },
      ...HOSTILE.map((reason, i) => ({ agencyCode: 'tinh:01', metric: metrics[i]!, period: '2026-09', value: null, nullReason: reason, snapshotId: null, locator: reason })),
    ], { sourceId: null, runId: null, now: new Date('2026-10-01T00:00:00Z') });
    db.close();

    const r = await runCli(['export', '--config', config, '--db', dbFile, '--period', '2026-09', '--format', 'csv', '--out', dir, '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const rows = parseCsv(readFileSync(join(dir, 'dvc-monitor-2026-09-measures.csv'), 'utf8'));
    const [header, ...body] = rows;
    const col = (name: string) => header!.indexOf(name);
    // The numeric column: -45.5 stays a number.
    const rate = body.find((row) => row[col('Metric')] === 'reported.online_dossier_rate')!;
    expect(rate[col('Value')]).toBe('-45.5');
    expect(spreadsheetReads(rate[col('Value')]!)).toBe('number');
    // No cell anywhere is a formula; each hostile text is there, as text, behind one apostrophe.
    for (const row of rows) for (const cell of row) expect(spreadsheetReads(cell), JSON.stringify(cell)).not.toBe('formula');
    const reasons = body.filter((row) => row[col('Value')] === '').map((row) => row[col('Why missing')]);
    expect(reasons.sort()).toEqual(HOSTILE.map((h) => `'${h}`).sort());

    // Every other CSV the export writes follows the same rule.
    for (const table of ['kpis', 'quarantine', 'findings', 'uptime', 'checks', 'dictionary', 'provenance']) {
      for (const row of parseCsv(readFileSync(join(dir, `dvc-monitor-2026-09-${table}.csv`), 'utf8'))) {
        for (const cell of row) expect(spreadsheetReads(cell), `${table}: ${cell}`).not.toBe('formula');
      }
    }
  });

  it('writes numbers as numbers and plain-number text as it is', () => {
    expect([-45.5, 0, 1026874, 1.5e-7, -0.25].map((v) => csvCell(v))).toEqual(['-45.5', '0', '1026874', '1.5e-7', '-0.25']);
    expect(['-45.5', '-12', '3.14'].map((v) => csvCell(v))).toEqual(['-45.5', '-12', '3.14']);
    expect(csvCell("-2+3+cmd|' /C calc'!A0")).toBe("'-2+3+cmd|' /C calc'!A0");
    expect(csvCell('- 45')).toBe("'- 45");
    expect(csvCell('Hà Nội, "thủ đô"')).toBe('"Hà Nội, ""thủ đô"""');
    expect(csvCell(Number.NaN)).toBe('');
  });
});
