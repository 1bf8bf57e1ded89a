import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { ConfigError, loadConfig, parseConfig } from '../../src/config/load.ts';
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

function problemsOf(text: string, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parseConfig(text, 'test.yaml', env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected the configuration to be refused');
}

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

  it('reports YAML syntax errors with the line', () => {
    expect(problemsOf('version: 1\nportals: [\n')[0]).toMatch(/test\.yaml:\d+: YAML syntax/);
  });

  it('ships a JSON Schema generated from the same definition', () => {
    const shipped = JSON.parse(readFileSync('config/dvc-monitor.schema.json', 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(configJsonSchema())));
  });
});
