// Trackers by filter list (filter-list.ts): the shipped EasyPrivacy snapshot matches tracking
// requests and names the rule; `dvc-monitor trackers update` installs a newer list from a file
// or a local server only once it parsed as a tracker list, and a broken one leaves the list in
// use as it was.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/index.ts';
import { filterListFor, FilterListInvalid, parseFilterList, SHIPPED_FILTER_LIST, type FilterList } from '../../src/checks/evidence/filter-list.ts';
import { trackerListsVersion } from '../../src/checks/evidence/third-parties.ts';
import { runCli } from '../helpers/cli.ts';
import { writeSandboxConfig } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

const shipped = readFileSync(SHIPPED_FILTER_LIST, 'utf8');
// A newer list: the shipped one with a new version and one rule of our own.
const newer = shipped.replace('! Version: 202309050832', '! Version: 202612010000') + '\n||theo-doi.example.vn^\n';

describe('the shipped filter list', () => {
  let list: FilterList;
  beforeAll(async () => { list = await filterListFor(join(tempDir(), 'not-installed.txt')); });

  it('is EasyPrivacy 202309050832 with its tens of thousands of network rules', () => {
    expect(list.info).toMatchObject({ title: 'EasyPrivacy', version: '202309050832', shipped: true });
    expect(list.info.networkRules).toBeGreaterThan(30_000);
    expect(trackerListsVersion(undefined)).toMatch(/^third-party-web@\S+ \+ EasyPrivacy@202309050832$/);
  });

  it('matches tracking requests, first-party ones too, and names the rule as written', () => {
    const page = 'https://dichvucong.hanoi.gov.vn/';
    expect(list.match('https://www.google-analytics.com/analytics.js', page, 'Script')).toEqual({ list: 'EasyPrivacy 202309050832', rule: '||google-analytics.com^$third-party' });
    expect(list.match('https://dichvucong.hanoi.gov.vn/analytics/collect?v=1', page, 'XHR')?.rule).toBe('/analytics/collect?');
    expect(list.match('https://dichvucong.hanoi.gov.vn/js/app.js', page, 'Script')).toBeNull();
    expect(list.match('data:image/gif;base64,R0lGOD', page, 'Image')).toBeNull();
  });

  it('refuses what is not a tracker list', async () => {
    await expect(parseFilterList('<!DOCTYPE html><title>502 Bad Gateway</title>', 'x', false)).rejects.toThrow(FilterListInvalid);
    await expect(parseFilterList('[Adblock Plus 2.0]\n! Title: Tiny\n||a.example^\n', 'x', false)).rejects.toThrow(/1 network rules; a tracker list has at least 1000/);
    // The reason can be told in the reader's language too (the message stays English, for logs).
    const refused = await parseFilterList('[Adblock Plus 2.0]\n! Title: Tiny\n||a.example^\n', 'x', false).then(() => null, (err: unknown) => err);
    if (!(refused instanceof FilterListInvalid)) throw new Error(`not refused as a FilterListInvalid: ${String(refused)}`);
    expect(msg('vi', refused.reason.key, refused.reason.vars)).toBe('danh sách chỉ có 1 quy tắc mạng; một danh sách trình theo dõi có ít nhất 1000');
  });
});

describe('dvc-monitor trackers update', () => {
  let server: http.Server;
  let origin: string;
  // One folder for the whole sequence: each step builds on the one before.
  const dir = mkdtempSync(join(tmpdir(), 'dvc-monitor-trackers-'));
  const listPath = join(dir, 'trackers', 'filter-list.txt');
  const config = writeSandboxConfig(dir, 'http://127.0.0.1:9', `checks:\n  filterList: ${JSON.stringify(listPath)}\n`);
  const cli = (...args: string[]) => runCli(['--config', config, '--db', join(dir, 'store.sqlite'), ...args]);

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/easyprivacy.txt') { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(newer); return; }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><html><body>Cổng đang bảo trì</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('uses the shipped list until one is installed', async () => {
    const r = await cli('trackers', '--lang', 'en');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Filter list: EasyPrivacy 202309050832 (shipped with the tool');
  });

  it('refuses a broken file and a page that is not a list, naming why, and keeps the list in use', async () => {
    const broken = join(dir, 'broken.txt');
    writeFileSync(broken, shipped.slice(0, 200));
    const fromFile = await cli('trackers', 'update', '--from', broken);
    expect(fromFile.code).toBe(2);
    expect(fromFile.stderr).toMatch(/không phải là danh sách lọc trình theo dõi: danh sách chỉ có \d+ quy tắc mạng; một danh sách trình theo dõi có ít nhất 1000\. Danh sách đang dùng không đổi \(EasyPrivacy 202309050832\)/);
    const fromFileEn = await cli('trackers', 'update', '--from', broken, '--lang', 'en');
    expect(fromFileEn.stderr).toMatch(/it has \d+ network rules; a tracker list has at least 1000/);
    const fromPage = await cli('trackers', 'update', '--from', `${origin}/bao-tri`);
    expect(fromPage.code).toBe(2);
    expect(fromPage.stderr).toContain('tệp không bắt đầu bằng tiêu đề Adblock Plus');
    const missing = await cli('trackers', 'update', '--from', join(dir, 'khong-co.txt'));
    expect(missing.stderr).toContain('không đọc được (ENOENT)');
    expect((await cli('trackers', '--lang', 'en')).stdout).toContain('EasyPrivacy 202309050832 (shipped');
  });

  it('installs a valid list from a file and from an address; the checks then use it', async () => {
    const file = join(dir, 'newer.txt');
    writeFileSync(file, newer);
    const installed = await cli('trackers', 'update', '--from', file, '--lang', 'en');
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toMatch(/Installed filter list EasyPrivacy 202612010000 \(\d+ rules/);
    expect(readFileSync(listPath, 'utf8')).toBe(newer);
    expect((await cli('trackers', '--lang', 'en')).stdout).toContain(`EasyPrivacy 202612010000 (installed: ${listPath})`);
    expect((await filterListFor(listPath)).match('https://theo-doi.example.vn/p.gif', 'https://dichvucong.hanoi.gov.vn/', 'Image')?.rule).toBe('||theo-doi.example.vn^');
    expect(trackerListsVersion(listPath)).toMatch(/EasyPrivacy@202612010000$/);

    const downloaded = await cli('trackers', 'update', '--from', `${origin}/easyprivacy.txt`, '--lang', 'en');
    expect(downloaded.code, downloaded.stderr).toBe(0);
    expect(downloaded.stdout).toContain('Installed filter list EasyPrivacy 202612010000');
  });
});
