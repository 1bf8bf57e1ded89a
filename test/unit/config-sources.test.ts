// Configuration of the source kinds beyond the national gateway: every mistake named, with the fix.
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../src/config/load.ts';

const problemsOf = (sources: string) => {
  try {
    parseConfig(`version: 1\nsources:\n${sources}`, 't.yaml', {});
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

const platform = (over = '') => `
  - id: igate
    kind: platform-api
    url: http://127.0.0.1:1
    auth: { tokenUrl: "http://127.0.0.1:1/realms/r/protocol/openid-connect/token", clientId: c, clientSecretEnv: IGATE_SECRET }
    reports: [{ id: r, path: /pa/x, fields: { total: dossiers.received } }]
    agencies: { abc: "tinh:48" }${over}`;

describe('source configuration', () => {
  it('accepts each kind as documented', () => {
    expect(problemsOf(platform())).toEqual([]);
    expect(problemsOf(`
  - { id: s, kind: status-endpoint, url: "http://127.0.0.1:1/api/v2/summary.json", agency: VN }
  - { id: o, kind: open-data, url: "http://127.0.0.1:1/{period}.csv", format: csv, agencyColumn: Mã, agencyLevel: province, columns: { Số: dossiers.received } }
  - { id: h, kind: html-page, url: "http://127.0.0.1:1/x?thang={period}", agency: "tinh:01", selectors: { "#so": dossiers.received } }`)).toEqual([]);
  });

  it('refuses a secret written where the name of its variable belongs, without echoing it', () => {
    const problems = problemsOf(platform().replace('clientSecretEnv: IGATE_SECRET', 'clientSecretEnv: "s3cr3t-Value!"'));
    expect(problems).toEqual([expect.stringMatching(/sources\[0\]\.auth\.clientSecretEnv is "\[hidden\]": is not the name of an environment variable\. Fix: write the NAME/)]);
    expect(problems.join('\n')).not.toContain('s3cr3t');
  });

  it('names an agency code the registry does not know, inside the map', () => {
    expect(problemsOf(platform().replace('"tinh:48"', '"tinh:99"'))).toEqual([expect.stringMatching(/sources\[0\]\.agencies\.abc "tinh:99" is not a known agency code\. Fix:/)]);
  });

  it('names wrong metric names and empty maps', () => {
    const problems = problemsOf(platform().replace('fields: { total: dossiers.received }', 'fields: {}').replace('agencies: { abc: "tinh:48" }', 'agencies: { abc: "tinh:48" }\n    pageSize: 0'));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/reports\[0\]\.fields is \{\}: maps nothing\. Fix:/), expect.stringMatching(/pageSize is 0: must be >=1/)]));
    expect(problemsOf(platform().replace('dossiers.received', 'Hồ sơ'))).toEqual([expect.stringMatching(/fields\.total is "Hồ sơ": is not a canonical metric name\. Fix:/)]);
  });

  it('says what a statistics page is missing', () => {
    const problems = problemsOf(`
  - id: h
    kind: html-page
    url: "http://127.0.0.1:1/x"
    waitFor: "#bang tr"
    table: { metricsIn: rows, metrics: { "Hồ sơ": dossiers.received } }
  - id: k
    kind: html-page
    url: "http://127.0.0.1:1/y"
    table: { metricsIn: columns, metrics: { "Hồ sơ": dossiers.received } }`);
    expect(problems).toEqual([
      expect.stringMatching(/sources\[0\]\.waitFor is "#bang tr": only applies with render: browser/),
      expect.stringMatching(/sources\[0\]\.agency is required: the page is about one agency/),
      expect.stringMatching(/sources\[0\]\.table\.valueColumn is required with metricsIn: rows/),
      expect.stringMatching(/sources\[1\]\.table\.agencyColumn is required with metricsIn: columns/),
      expect.stringMatching(/sources\[1\]\.table\.agencies says nothing about which agency a row is/),
    ]);
  });

  it('checks URL templates with their placeholders filled', () => {
    expect(problemsOf(`
  - { id: o, kind: open-data, url: "ftp://x/{period}.csv", format: csv, agencyColumn: Mã, agencyLevel: province, columns: { Số: dossiers.received } }`))
      .toEqual([expect.stringMatching(/sources\[0\]\.url is "ftp:\/\/x\/\{period\}\.csv": is not an http\(s\) URL/)]);
  });

  it('refuses JSON paths and CSS selectors that cannot be read, before anything runs', () => {
    expect(problemsOf(platform().replace('{ total: dossiers.received }', '{ "received..total": dossiers.received }'))).toEqual([expect.stringMatching(/fields\.received\.\.total: the key "received\.\.total" is not a JSON path\. Fix:/)]);
    expect(problemsOf(`
  - { id: h, kind: html-page, url: "http://127.0.0.1:1/x", agency: "tinh:01", selectors: { "#a >> ..": dossiers.received } }`))
      .toEqual([expect.stringMatching(/selectors\.#a >> \.\.: the key "#a >> \.\." is not a CSS selector\. Fix:/)]);
  });
});
