import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, describeConfigProblems, loadConfig, parseConfig } from '../../src/config/load.ts';
import { configJsonSchema } from '../../src/config/schema.ts';

const base = `version: 1
sources:
  - id: gateway
    kind: national-portal
    url: https://dichvucong.gov.vn/jsp/rest.jsp
portals:
  - id: dvc-hanoi
    agency: "tinh:01"
    name: Hà Nội
    url: https://dichvucong.hanoi.gov.vn/
`;

/** The refusal, with each problem in English (problems) and in both languages (texts). */
function refusalOf(text: string, env: NodeJS.ProcessEnv = {}): ConfigError {
  try {
    parseConfig(text, 'test.yaml', env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

const problemsOf = (text: string, env: NodeJS.ProcessEnv = {}): string[] => refusalOf(text, env).problems;

describe('configuration', () => {
  it('accepts the shipped configurations', () => {
    for (const file of ['config/sandbox.yaml', 'config/vietnam.yaml']) {
      const loaded = loadConfig(file, {});
      expect(loaded.config.sources.length).toBeGreaterThan(0);
      expect(loaded.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const sample = loadConfig('config/sandbox-sample.yaml', {});
    expect(sample.config.checks?.sample).toMatchObject({ enabled: true, maxChecked: 30 });
  });

  it('fills defaults and keeps the hash stable', () => {
    const a = parseConfig(base, 'a.yaml', {});
    const b = parseConfig(base, 'b.yaml', {});
    expect(a.config.schedule.lookbackMonths).toBe(2);
    expect(a.config.http.timeoutMs).toBe(30000);
    expect(a.hash).toBe(b.hash);
    expect(a.agencies.filter((x) => x.code.startsWith('tinh:'))).toHaveLength(34);
    expect(a.agencies.filter((x) => x.code.startsWith('tinh63:'))).toHaveLength(63);
  });

  it('names the place, the value and the fix for an unknown key', () => {
    const [p] = problemsOf(base.replace('    name: Hà Nội', '    name: Hà Nội\n    colour: blue'));
    expect(p).toMatch(/^test\.yaml:10:5 portals\[0\]\.colour unknown key "colour"\. Fix: remove it/);
  });

  it('names a wrong type', () => {
    const [p] = problemsOf(`${base}http:\n  timeoutMs: "fast"\n`);
    expect(p).toMatch(/test\.yaml:\d+:\d+ http\.timeoutMs is "fast", expected number/);
  });

  it('refuses a URL that is not http(s)', () => {
    const [p] = problemsOf(base.replace('https://dichvucong.hanoi.gov.vn/', 'ftp://dichvucong.hanoi.gov.vn/'));
    expect(p).toMatch(/test\.yaml:10:10 portals\[0\]\.url is "ftp:\/\/dichvucong\.hanoi\.gov\.vn\/": is not an http\(s\) URL\. Fix: write a full address starting with https:\/\//);
  });

  it('refuses duplicate portals and agencies, and unknown agency codes', () => {
    const dup = `${base}  - id: dvc-hanoi\n    agency: "tinh:99"\n    name: again\n    url: https://x.gov.vn/\nagencies:\n  - { code: "tinh:01", name: Hà Nội, level: province }\n`;
    const problems = problemsOf(dup);
    expect(problems.some((p) => /agencies\[0\]\.code "tinh:01" is a duplicate agency code \(already in the built-in registry\)/.test(p))).toBe(true);
    expect(problems.some((p) => /portals\[1\]\.id "dvc-hanoi" is a duplicate portal id/.test(p))).toBe(true);
    expect(problems.some((p) => /portals\[1\]\.agency "tinh:99" is not a known agency code/.test(p))).toBe(true);
  });

  it('refuses an unknown source kind and a bad cron expression', () => {
    expect(problemsOf(base.replace('kind: national-portal', 'kind: carrier-pigeon'))[0]).toMatch(/sources\[0\]\.kind is "carrier-pigeon"/);
    expect(problemsOf(`${base}schedule:\n  nightly: "every night"\n`)[0]).toMatch(/schedule\.nightly .*cron expression/);
  });

  it('substitutes environment variables and names a missing one', () => {
    const text = base.replace('https://dichvucong.gov.vn/jsp/rest.jsp', '${GATEWAY}/jsp/rest.jsp');
    expect(parseConfig(text, 't.yaml', { GATEWAY: 'http://127.0.0.1:9' }).config.sources[0]!.url).toBe('http://127.0.0.1:9/jsp/rest.jsp');
    expect(problemsOf(text)[0]).toMatch(/sources\[0\]\.url refers to the environment variable GATEWAY, which is not set/);
    const withDefault = base.replace('https://dichvucong.gov.vn/jsp/rest.jsp', '${GATEWAY:-http://127.0.0.1:8}/x');
    expect(parseConfig(withDefault, 't.yaml', {}).config.sources[0]!.url).toBe('http://127.0.0.1:8/x');
  });

  it('probes each portal\'s url and statusUrl by default, with the uptime defaults', async () => {
    const { endpointsOf } = await import('../../src/uptime/endpoints.ts');
    const loaded = parseConfig(base.replace('url: https://dichvucong.hanoi.gov.vn/', 'url: https://dichvucong.hanoi.gov.vn/\n    statusUrl: https://dichvucong.hanoi.gov.vn/status'), 't.yaml', {});
    expect(endpointsOf(loaded.config).map((e) => [e.key, e.url, e.intervalMs, e.timeoutMs, e.downAfter])).toEqual([
      ['home', 'https://dichvucong.hanoi.gov.vn/', 60_000, 10_000, 1],
      ['status', 'https://dichvucong.hanoi.gov.vn/status', 60_000, 10_000, 1],
    ]);
    expect(endpointsOf(parseConfig(`${base}    probes: []\n`, 't.yaml', {}).config)).toEqual([]);
  });

  it('refuses a bad probe condition, a timeout not shorter than the interval, and a window for an unknown portal', () => {
    const probes = `${base}    probes:\n      - { id: home, url: "https://dichvucong.hanoi.gov.vn/", conditions: ["[STATUS] = 200"], intervalSeconds: 10, timeoutMs: 15000 }\n`;
    const problems = problemsOf(probes);
    expect(problems[0]).toMatch(/portals\[0\]\.probes\[0\]\.conditions\[0\] is "\[STATUS\] = 200": is not a condition: .*no comparison operator.*Fix: write it like "\[STATUS\] == 200"/);
    const timing = problemsOf(probes.replace('"[STATUS] = 200"', '"[STATUS] == 200"'));
    expect(timing[0]).toMatch(/portals\[0\]\.probes\[0\]\.timeoutMs is 15000 ms, not shorter than the interval of 10 s\. Fix:/);
    const window = `${base}uptime:\n  maintenance:\n    - { id: bt, portal: dvc-hcm, from: "2026-12-05T22:00:00+07:00", to: "2026-12-05T21:00:00+07:00" }\n`;
    const w = problemsOf(window);
    expect(w.some((p) => /uptime\.maintenance\[0\]\.portal "dvc-hcm" is not a configured portal/.test(p))).toBe(true);
    expect(w.some((p) => /uptime\.maintenance\[0\]\.to .* is not after "from"/.test(p))).toBe(true);
    expect(problemsOf(`${base}uptime:\n  maintenance:\n    - { id: bt, portal: dvc-hanoi, from: "5/12/2026 22:00", to: "2026-12-05T23:00:00+07:00" }\n`)[0])
      .toMatch(/uptime\.maintenance\[0\]\.from .*is not a date and time with its offset\. Fix: write it like 2026-11-20T22:00:00\+07:00/);
  });

  it('refuses a condition typo at load with its file:line:column, the value and the fix (issue 13 item 7)', () => {
    const text = `${base}    probes:\n      - id: home\n        url: "https://dichvucong.hanoi.gov.vn/"\n        conditions:\n          - "[STATUS] === 200"\n        softConditions: ["[RESPONSE_TIME] <> 300"]\n`;
    const problems = problemsOf(text);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^test\.yaml:15:13 portals\[0\]\.probes\[0\]\.conditions\[0\] is "\[STATUS\] === 200": is not a condition: .*"===" is not an operator; did you mean "=="\?.*Fix:/);
    expect(problems[1]).toMatch(/^test\.yaml:16:\d+ portals\[0\]\.probes\[0\]\.softConditions\[0\] is "\[RESPONSE_TIME\] <> 300": .*"<>" is not an operator/);
  });

  it('says a probe condition\'s problem in the reader\'s language, with the fix', () => {
    const text = `${base}    probes:\n      - id: home\n        url: "https://dichvucong.hanoi.gov.vn/"\n        conditions:\n          - "[STATUS] === 200"\n          - "[CONNECTED] == yes"\n`;
    const [typo, type] = refusalOf(text).texts;
    expect(typo!.vi).toBe('test.yaml:15:13 portals[0].probes[0].conditions[0] là "[STATUS] === 200": không phải là một điều kiện: "[STATUS] === 200": "===" không phải là toán tử; có phải là "=="? ví dụ "[STATUS] == 200" (các toán tử: == != <= >= < >). Cách sửa: viết như "[STATUS] == 200", "[BODY].status == \\"ok\\"" hoặc "[CERTIFICATE_EXPIRATION] > 336h"');
    expect(typo!.en).toBe('test.yaml:15:13 portals[0].probes[0].conditions[0] is "[STATUS] === 200": is not a condition: "[STATUS] === 200": "===" is not an operator; did you mean "=="? e.g. "[STATUS] == 200" (operators: == != <= >= < >). Fix: write it like "[STATUS] == 200", "[BODY].status == \\"ok\\"" or "[CERTIFICATE_EXPIRATION] > 336h"');
    expect(type!.vi).toContain('[CONNECTED] được so với "yes", không phải true hoặc false. Cách sửa: viết như');
    expect(type!.en).toContain('[CONNECTED] is compared with "yes", which is not true or false. Fix: write it like');
  });

  it('names every kind of problem in Vietnamese by default and in English on request (issue 15)', () => {
    const cases: Array<[string, NodeJS.ProcessEnv, string, string]> = [
      // zod's own issues: an unknown key, a wrong type, a value not among those allowed, a missing field, a bound.
      [base.replace('    name: Hà Nội', '    name: Hà Nội\n    colour: blue'), {},
        'test.yaml:10:5 portals[0].colour là khóa không được hỗ trợ: "colour". Cách sửa: xóa đi hoặc sửa lại cho đúng chính tả',
        'test.yaml:10:5 portals[0].colour unknown key "colour". Fix: remove it or correct its spelling'],
      [`${base}http:\n  timeoutMs: "fast"\n`, {},
        'test.yaml:12:14 http.timeoutMs là "fast", trong khi cần một số. Cách sửa: viết một số',
        'test.yaml:12:14 http.timeoutMs is "fast", expected number. Fix: write a number'],
      [base.replace('kind: national-portal', 'kind: national-portal\n    levels: [commune]'), {},
        'test.yaml:5:14 sources[0].levels[0] là "commune". Cách sửa: dùng một trong các giá trị "ministry", "province"',
        'test.yaml:5:14 sources[0].levels[0] is "commune". Fix: use one of "ministry", "province"'],
      [base.replace('    name: Hà Nội\n', ''), {},
        'test.yaml portals[0].name là bắt buộc nhưng đang thiếu. Cách sửa: thêm vào (cần một chuỗi văn bản)',
        'test.yaml portals[0].name is required but missing. Fix: add it (expected string)'],
      [`${base}http:\n  maxRedirects: 99\n`, {},
        'test.yaml:12:17 http.maxRedirects là 99: phải không quá 20. Cách sửa: đổi giá trị cho phù hợp',
        'test.yaml:12:17 http.maxRedirects is 99: must be <=20. Fix: change the value'],
      // A rule of the schema itself, and one on a record's key.
      [base.replace('https://dichvucong.hanoi.gov.vn/', 'ftp://dichvucong.hanoi.gov.vn/'), {},
        'test.yaml:10:10 portals[0].url là "ftp://dichvucong.hanoi.gov.vn/": không phải là địa chỉ http(s). Cách sửa: viết địa chỉ đầy đủ bắt đầu bằng https:// (http:// chỉ dùng cho môi trường thử nghiệm trên máy)',
        'test.yaml:10:10 portals[0].url is "ftp://dichvucong.hanoi.gov.vn/": is not an http(s) URL. Fix: write a full address starting with https:// (http:// only for local sandboxes)'],
      ['version: 1\nsources:\n  - { id: h, kind: html-page, url: "https://x.gov.vn/", agency: "tinh:01", selectors: { "##": dossiers.received } }\n', {},
        'test.yaml:3:95 sources[0].selectors.##: khóa "##" không phải là bộ chọn CSS. Cách sửa: viết như trong một tệp CSS, ví dụ "#bang-thong-ke" hoặc "table.thong-ke tbody tr"',
        'test.yaml:3:95 sources[0].selectors.##: the key "##" is not a CSS selector. Fix: write one as in a style sheet, for example "#bang-thong-ke" or "table.thong-ke tbody tr"'],
      // A cross-check the schema cannot make, and an environment variable that is not set.
      [base.replace('agency: "tinh:01"', 'agency: "tinh:99"'), {},
        'test.yaml:8:13 portals[0].agency "tinh:99" không phải là mã cơ quan đã biết. Cách sửa: dùng một mã như "tinh:01", "bo:BCT" hoặc "VN", hoặc thêm cơ quan đó vào "agencies"',
        'test.yaml:8:13 portals[0].agency "tinh:99" is not a known agency code. Fix: use a code such as "tinh:01", "bo:BCT" or "VN", or add the agency under "agencies"'],
      [base.replace('https://dichvucong.gov.vn/jsp/rest.jsp', '${GATEWAY}/jsp/rest.jsp'), {},
        'test.yaml:5:10 sources[0].url dùng biến môi trường GATEWAY, nhưng biến này chưa được đặt. Cách sửa: export GATEWAY=… hoặc viết ${GATEWAY:-default}',
        'test.yaml:5:10 sources[0].url refers to the environment variable GATEWAY, which is not set. Fix: export GATEWAY=… or write ${GATEWAY:-default}'],
      // The file as a whole: a number YAML reads as infinite.
      ['version: 1\nhttp: { timeoutMs: 1e400 }\n', {},
        'test.yaml:2:20 http.timeoutMs là 1e400, nằm ngoài phạm vi: lớn hơn mọi số có thể biểu diễn. Cách sửa: viết một số trong phạm vi thiết lập này cho phép',
        'test.yaml:2:20 http.timeoutMs is 1e400, which is out of range: larger than any number can be. Fix: write a number within the range this setting allows'],
    ];
    for (const [text, env, vi, en] of cases) {
      const err = refusalOf(text, env);
      expect(err.texts).toEqual([{ vi, en }]);
      expect(err.problems).toEqual([en]);
      expect(describeConfigProblems(err.file, err.texts, 'vi')).toBe(`test.yaml: 1 lỗi trong cấu hình\n  - ${vi}`);
      expect(describeConfigProblems(err.file, err.texts, 'en')).toBe(`test.yaml: 1 problem in the configuration\n  - ${en}`);
      expect(err.message).toBe(`test.yaml: 1 problem in the configuration\n  - ${en}`);
    }
  });

  it('never echoes a secret pasted in place of its variable\'s name, in either language', () => {
    const text = `version: 1\nsources:\n  - id: igate\n    kind: platform-api\n    url: https://api.example.gov.vn\n    auth: { tokenUrl: "https://sso.example.gov.vn/t", clientId: c, clientSecretEnv: "s3cr3t-value" }\n    reports: [{ id: r, path: /x, fields: { a: dossiers.received } }]\n    agencies: { x: "tinh:01" }\n`;
    const [p] = refusalOf(text).texts;
    expect(p!.vi).toMatch(/clientSecretEnv là "\[đã ẩn\]": không phải là tên một biến môi trường\. Cách sửa: /);
    expect(p!.en).toMatch(/clientSecretEnv is "\[hidden\]": is not the name of an environment variable\. Fix: /);
    expect(JSON.stringify(p)).not.toContain('s3cr3t');
  });

  it('reports YAML syntax errors with the line', () => {
    expect(problemsOf('version: 1\nportals: [\n')[0]).toMatch(/test\.yaml:\d+: YAML syntax/);
    // In Vietnamese, what the YAML error means and its fix, at the line and column; English keeps the library's words.
    expect(refusalOf('version: 1\nversion: 1\n').texts).toEqual([{
      vi: 'test.yaml:2:1: lỗi cú pháp YAML: một khóa được viết hai lần trong cùng một khối. Cách sửa: giữ lại một trong hai',
      en: 'test.yaml:2: YAML syntax: Map keys must be unique at line 2, column 1:',
    }]);
    expect(refusalOf('version: 1\nhttp:\n\ttimeoutMs: 5\n').texts[0]!.vi).toBe('test.yaml:3:1: lỗi cú pháp YAML: dùng ký tự tab để thụt lề. Cách sửa: thụt lề bằng dấu cách');
  });

  it('ships a JSON Schema generated from the same definition', () => {
    const shipped = JSON.parse(readFileSync('config/dvc-monitor.schema.json', 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });
});
