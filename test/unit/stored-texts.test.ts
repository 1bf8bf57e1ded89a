// Texts kept in English in the store and said again in the reader's language
// (src/messages/stored-texts.ts): written exactly as i18next would, read back in time linear in the
// text even when a portal's own words are made to look like the message.
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/messages/index.ts';
import { storedTexts } from '../../src/messages/stored-texts.ts';
import { FLAG_DETAIL_KEYS } from '../../src/quality/flag-detail.ts';

const texts = storedTexts([...FLAG_DETAIL_KEYS, 'kpi.missing.quarantined', 'kpi.missing.metricBecause', 'kpi.missing.any', 'quality.endReason.collectedAgain', 'scale.gap.noLiveWorker']);
const VARS = {
  value: 76, factor: 10, median: 1000.5, parts: 130, whole: 100, partMetrics: 'a + b', wholeMetrics: 'c', kpi: 'rate.x', numerator: 5, numeratorMetrics: 'a',
  denominator: 2, denominatorMetrics: 'b + c', metric: 'reported.sync_rate', since: '2026-11-01', agency: 'tinh:01', rule: 'too_large', reason: 'denominator is 0',
  run: 12, day: '2026-12-07', quarantinedOn: '2026-12-01', seconds: 60,
};

describe('stored texts', () => {
  it('are kept exactly as i18next writes the English message, in each plural form', () => {
    for (const key of [...FLAG_DETAIL_KEYS, 'kpi.missing.quarantined', 'kpi.missing.metricBecause', 'kpi.missing.any', 'quality.endReason.collectedAgain', 'scale.gap.noLiveWorker'] as const) {
      for (const count of [0, 1, 2, 21]) {
        const vars = { ...VARS, count };
        expect(texts.keep(key, vars), key).toBe(msg('en', key, vars));
        expect(texts.read(texts.keep(key, vars))?.key, key).toBe(key);
      }
    }
  });

  it('say a kept text in the reader\'s language, and a text they did not write as it is', () => {
    const kept = texts.keep('kpi.missing.metricBecause', { metric: 'dossiers.received', agency: 'tinh:01', reason: 'x: y' });
    expect(texts.say(kept, 'en')).toBe(kept);
    expect(texts.say(kept, 'vi')).toBe(msg('vi', 'kpi.missing.metricBecause', { metric: 'dossiers.received', agency: 'tinh:01', reason: 'x: y' }));
    expect(texts.say('counter_decreased: 120 after 150', 'vi')).toBe('counter_decreased: 120 after 150');
  });

  it('read a hostile text that repeats the message\'s own words in linear time, and refuse it', () => {
    // A portal's cells joined into a finding can repeat a message's separators many times; a
    // backtracking pattern with several lazy groups takes the power of the groups in time here.
    const hostile = `${'x is over 100%: 1 (a) ÷ 2 (b) '.repeat(60)}; skipped`.slice(0, 1_999);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 100; i++) expect(texts.read(hostile)).toBeNull();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(ms).toBeLessThan(500);
    expect(texts.read('x'.repeat(5_000))).toBeNull();
  });
});
