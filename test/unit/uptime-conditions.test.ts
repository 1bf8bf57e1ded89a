import { describe, expect, it } from 'vitest';
import { ConditionSyntaxError, evaluateConditions, parseCondition, parseDuration, type ProbeFacts } from '../../src/uptime/conditions.ts';

const facts: ProbeFacts = {
  connected: true,
  status: 200,
  responseTimeMs: 123.4,
  body: JSON.stringify({ status: 'ok', items: [{ id: 7 }, { id: 8 }], nested: { count: 3 }, errors: null }),
  headers: { 'content-type': 'application/json; charset=utf-8' },
  ip: '127.0.0.1',
  certificateExpiresInMs: 20 * 86_400_000,
  redirects: 1,
  finalUrl: 'https://portal.example/',
};

const check = (source: string, f: ProbeFacts = facts) => evaluateConditions([parseCondition(source)], f)[0]!;

describe('condition language (Gatus style)', () => {
  it.each([
    ['[STATUS] == 200', true],
    ['[STATUS] != 200', false],
    ['[STATUS] < 300', true],
    ['[STATUS] == any(200, 204)', true],
    ['[STATUS] == any(301, 302)', false],
    ['[RESPONSE_TIME] < 2000', true],
    ['[RESPONSE_TIME] < 100', false],
    ['[RESPONSE_TIME] <= 1s', true],
    ['[BODY].status == "ok"', true],
    ['[BODY].status == ok', true],
    ['[BODY].status == "down"', false],
    ['[BODY].items[1].id == 8', true],
    ['[BODY].nested.count >= 3', true],
    ['len([BODY].items) == 2', true],
    ['has([BODY].nested) == true', true],
    ['has([BODY].missing) == false', true],
    ['[BODY] == pat(*"status":"ok"*)', true],
    ['[BODY] != pat(*bảo trì*)', true],
    ['[CERTIFICATE_EXPIRATION] > 336h', true],
    ['[CERTIFICATE_EXPIRATION] > 30d', false],
    ['[CONNECTED] == true', true],
    ['[IP] == 127.0.0.1', true],
    ['[HEADER].content-type == pat(*json*)', true],
    ['[REDIRECTS] <= 1', true],
    ['[FINAL_URL] == pat(https://*)', true],
  ])('%s → %s', (source, expected) => {
    expect(check(source).ok).toBe(expected);
  });

  it('reports the actual value, bounded, and a missing value plainly', () => {
    expect(check('[BODY].status == "down"')).toEqual({ condition: '[BODY].status == "down"', ok: false, actual: 'ok' });
    expect(check('[BODY].nope == 1').actual).toBe('(missing)');
    const long = check('[BODY] == short', { ...facts, body: 'x'.repeat(5000) });
    expect(long.ok).toBe(false);
    expect(long.actual.length).toBeLessThanOrEqual(120);
  });

  it('makes what a hostile portal sent printable: no control characters or terminal escapes', () => {
    const r = check('[BODY] == x', { ...facts, body: 'ok\u001b[2J\u001b]0;pwned\u0007\r\nnext   line' });
    expect(r.actual).toBe('ok [2J ]0;pwned next line');
  });

  it('fails conditions on a body that is not JSON, or on facts a failed probe does not have', () => {
    expect(check('[BODY].status == ok', { ...facts, body: '<html>Hệ thống đang bảo trì</html>' }).ok).toBe(false);
    expect(check('[STATUS] == 200', { connected: false }).ok).toBe(false);
    expect(check('[CONNECTED] == false', { connected: false }).ok).toBe(true);
  });

  it('parses durations the Go way', () => {
    expect(parseDuration('336h')).toBe(336 * 3_600_000);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('3 days')).toBeNull();
  });

  it('refuses malformed conditions with a message that says how to write one', () => {
    for (const bad of ['[STATUS] 200', '[STATU] == 200', 'status == 200', '[STATUS] ==', 'pat(*x*) == [BODY]', '[STATUS].x == 1', '[HEADER] == x']) {
      expect(() => parseCondition(bad), bad).toThrow(ConditionSyntaxError);
    }
    expect(() => parseCondition('[STATU] == 200')).toThrow(/unknown placeholder \[STATU\].*Fix: write it like/);
  });

  // Issue 13 item 7: these were read as "== '= 200'" and "< '> 200'", passed validation, never held,
  // and marked a healthy portal DOWN.
  it.each([
    ['[STATUS] === 200', /"===" is not an operator; did you mean "=="\? e\.g\. "\[STATUS\] == 200"/],
    ['[STATUS] !== 200', /"!==" is not an operator; did you mean "!="\?/],
    ['[STATUS] <> 200', /"<>" is not an operator; did you mean "!="\? e\.g\. "\[STATUS\] != 200"/],
    ['[RESPONSE_TIME] => 300', /"=>" is not an operator; did you mean ">="\?/],
    ['[STATUS] == OK', /\[STATUS\] is compared with "OK", which is not a whole number/],
    ['[STATUS] == any(200, x)', /\[STATUS\] is compared with "x", which is not a whole number/],
    ['[CERTIFICATE_EXPIRATION] > 14 days', /not a number of milliseconds or a duration/],
    ['[CONNECTED] == yes', /not true or false/],
    ['len([BODY].items) > many', /len\(\[BODY\]\) is compared with "many", which is not a whole number/],
    ['[BODY].status == ok && [STATUS] == 200', /holds an operator, bracket or quote/],
    ['[BODY].count > abc', /can only be compared with < <= > >= against a number/],
    ['[BODY] == "unclosed', /has no closing quote/],
    ['[STATUS] < any(200, 204)', /any\(\) only works with == or !=/],
    ['[STATUS] == pat(2*)', /pat\(\) matches text; \[STATUS\] is not text/],
  ])('refuses the typo %s with the fix', (source, message) => {
    expect(() => parseCondition(source)).toThrow(ConditionSyntaxError);
    expect(() => parseCondition(source)).toThrow(message);
  });
});
