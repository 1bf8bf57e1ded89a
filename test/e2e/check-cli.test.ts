// `dvc-monitor check` as a person or a release pipeline runs it: Vietnamese by default, exit 1
// on a critical or serious failure, evidence printed by hash and retrievable, JSON on request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_PAGES, FIXTURES_ORIGIN } from '../../scripts/sandbox/check-fixtures.ts';
import { publicSiteUrl } from '../../scripts/sandbox/hosts.ts';
import { startSandbox, type Sandbox } from '../../scripts/sandbox/server.ts';
import { checksConfigYaml } from '../helpers/checks.ts';
import { runCli } from '../helpers/cli.ts';
import { sandboxConfigText } from '../helpers/sandbox-config.ts';
import { tempDir } from '../helpers/tmp.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(async () => {
  await sandbox.close();
});

function setup() {
  const dir = tempDir();
  const config = join(dir, 'config.yaml');
  writeFileSync(config, sandboxConfigText(sandbox.url, `  - { id: dvc-bct, agency: "bo:BCT", name: Bộ Công Thương, url: "${sandbox.url}/sites/bct/", checkUrl: "${publicSiteUrl('bct', 'http')}", pages: [{ kind: other, url: "${sandbox.url}/sites/bct/tra-cuu-ho-so" }] }
  - { id: dvc-hanoi-https, agency: "tinh:01", name: Hà Nội, url: "${sandbox.url}/sites/hanoi/", checkUrl: "${publicSiteUrl('hanoi')}" }
${checksConfigYaml(sandbox)}`));
  return { dir, args: ['--config', config, '--db', join(dir, 'store.sqlite'), '--log-level', 'silent'] };
}

describe('dvc-monitor check', () => {
  it('prints the failures in Vietnamese with the law and the evidence, and exits 1 on a serious failure', async () => {
    const { dir, args } = setup();
    const r = await runCli(['check', 'dvc-bct', ...args]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('KIỂM TRA BẢO VỆ DỮ LIỆU CÁ NHÂN VÀ TIẾP CẬN CHO NGƯỜI KHUYẾT TẬT');
    expect(r.stdout).toMatch(/✗ KHÔNG ĐẠT \[cao\] Không gửi dữ liệu cho bên theo dõi khi chưa có sự đồng ý \(privacy\.no-tracker-before-consent\)/);
    expect(r.stdout).toMatch(/✗ KHÔNG ĐẠT \[nghiêm trọng\] Không lộ dữ liệu cá nhân trên trang công khai/);
    expect(r.stdout).toMatch(/TIẾP CẬN CHO NGƯỜI KHUYẾT TẬT — điểm [\d,]+\/100 \(score\/2\)/);
    expect(r.stdout).toContain('Căn cứ:');
    expect(r.stdout).toMatch(/Kết luận: \d+ tiêu chí mức nghiêm trọng hoặc cao không đạt/);
    expect(r.stdout).not.toContain('001085012345');

    // The evidence a finding points at comes back out of the store, hash checked.
    const sha = /\[bằng chứng: sha256:([0-9a-f]{64}) → requests\[\d+\]\]/.exec(r.stdout)![1]!;
    const out = join(dir, 'evidence.json');
    const got = await runCli(['evidence', `sha256:${sha}`, '--out', out, ...args]);
    expect(got.code, got.stderr).toBe(0);
    const evidence = JSON.parse(readFileSync(out, 'utf8'));
    expect(evidence.schema).toBe('dvc-monitor/page-evidence/1');
    expect(evidence.requests.some((q: { host: string }) => q.host === 'www.google-analytics.com')).toBe(true);
  }, 120_000);

  it('passes a clean portal with exit 0, in English JSON on request', async () => {
    const { args } = setup();
    const r = await runCli(['check', 'dvc-hanoi-https', '--json', '--lang', 'en', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.blockingFailures).toEqual([]);
    expect(json.scores.map((s: { score: number }) => s.score)).toEqual([100, 100]);
    expect(json.pages[0].evidence.screenshot.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(json.versions.trackerList).toMatch(/^third-party-web@/);
  }, 120_000);

  it('checks an address on its own, one area, writing the evidence files to a folder', async () => {
    const { dir, args } = setup();
    const folder = join(dir, 'bang-chung');
    const r = await runCli(['check', `${FIXTURES_ORIGIN}${FIXTURE_PAGES.focusHidden}`, '--area', 'accessibility', '--evidence-dir', folder, '--lang', 'en', ...args]);
    expect(r.code, r.stderr).toBe(1); // a critical keyboard failure
    expect(r.stdout).toMatch(/No visible focus indicator/);
    expect(r.stdout).not.toMatch(/PERSONAL DATA PROTECTION —/);
    const files = readdirSync(folder);
    expect(files.some((f) => f.endsWith('.jpg'))).toBe(true);
    for (const f of files) expect(r.stdout).toContain(join(folder, f));
    expect(existsSync(join(folder, files.find((f) => f.endsWith('.html'))!))).toBe(true);
  }, 120_000);

  it('refuses what it cannot check, with exit 2 and the fix', async () => {
    const { args } = setup();
    const unknown = await runCli(['check', 'dvc-khong-co', ...args]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/"dvc-khong-co" không phải là mã cổng trong .* cũng không phải là địa chỉ http\(s\)\. Cách sửa: nêu mã một cổng \(dvc-hanoi, dvc-bct/);
    const area = await runCli(['check', 'dvc-hanoi', '--area', 'security', ...args, '--lang', 'en']);
    expect(area.code).toBe(2);
    expect(area.stderr).toMatch(/--area "security" is not an area\. Fix:/);
    const sha = await runCli(['evidence', 'abc', ...args]);
    expect(sha.code).toBe(2);
    expect(sha.stderr).toMatch(/"abc" không phải là mã SHA-256/);
  }, 180_000);
});
