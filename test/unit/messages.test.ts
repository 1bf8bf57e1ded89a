import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.ts';
import { CATALOGUES, msg, msgBoth } from '../../src/messages/index.ts';
import { PARTS } from '../../src/messages/parts.ts';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseOf = (key: string) => key.replace(PLURAL, '');
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]!).sort();

/** Base key → the plural forms the catalogue gives it ([] for a plain key). */
function shape(catalogue: Record<string, string>): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const key of Object.keys(catalogue)) {
    const forms = keys.get(baseOf(key)) ?? [];
    const form = PLURAL.exec(key)?.[1];
    keys.set(baseOf(key), form ? [...forms, form].sort() : forms);
  }
  return keys;
}

/** Every placeholder a base key's forms use. */
function placeholdersOf(catalogue: Record<string, string>, base: string): string[] {
  const names = new Set<string>();
  for (const [key, text] of Object.entries(catalogue)) if (baseOf(key) === base) for (const p of placeholders(text)) names.add(p);
  return [...names].sort();
}

// A message whose Vietnamese is rightly the same text as the English: none today (codes and
// option names stay inside sentences). Add a key here, with the reason, when one must be.
const SAME_ON_PURPOSE = new Set<string>([]);

describe('the message catalogue', () => {
  const vi = shape(CATALOGUES.vi);
  const en = shape(CATALOGUES.en);

  it('gives each key to one part only (a key written in two parts would hide one of its texts)', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, part] of Object.entries(PARTS)) {
      for (const key of Object.keys(part.en)) {
        if (owner.has(key)) twice.push(`${key}: ${owner.get(key)} and ${name}`);
        owner.set(key, name);
      }
    }
    expect(twice).toEqual([]);
    expect(Object.keys(CATALOGUES.en).length).toBe(owner.size);
  });

  it('has the same messages in Vietnamese and English', () => {
    expect([...vi.keys()].sort()).toEqual([...en.keys()].sort());
  });

  it('gives each counted message the plural forms its language has (Vietnamese: other; English: one, other)', () => {
    const forms = (lang: string) => [...new Intl.PluralRules(lang).resolvedOptions().pluralCategories].sort();
    expect(forms('vi')).toEqual(['other']);
    for (const [base, enForms] of en) {
      const viForms = vi.get(base)!;
      if (enForms.length === 0) {
        expect(viForms, base).toEqual([]);
        continue;
      }
      expect(enForms, base).toEqual(forms('en'));
      expect(viForms, base).toEqual(forms('vi'));
    }
  });

  it('fills the same placeholders in both languages', () => {
    for (const base of en.keys()) expect(placeholdersOf(CATALOGUES.vi, base), base).toEqual(placeholdersOf(CATALOGUES.en, base));
  });

  it('leaves no Vietnamese message equal to its English one', () => {
    const same = Object.keys(CATALOGUES.vi).filter((k) => CATALOGUES.vi[k as keyof typeof CATALOGUES.vi] === (CATALOGUES.en as Record<string, string>)[k] && !SAME_ON_PURPOSE.has(k));
    expect(same).toEqual([]);
  });

  it('says the fix in every error message, in the reader\'s language', () => {
    for (const [key, text] of Object.entries(CATALOGUES.en)) if (key.startsWith('error.')) expect(text, key).toMatch(/\. Fix: ./);
    for (const [key, text] of Object.entries(CATALOGUES.vi)) {
      if (!key.startsWith('error.')) continue;
      expect(text, key).toMatch(/\. Cách sửa: ./);
      expect(text, key).not.toMatch(/\bFix:/);
    }
  });

  it('fills placeholders and picks the plural form by the count', () => {
    expect(msg('en', 'run.jobs', { count: 1, succeeded: 1, failed: 0 })).toBe('  1 job: 1 succeeded, 0 failed');
    expect(msg('en', 'run.jobs', { count: 3, succeeded: 2, failed: 1 })).toBe('  3 jobs: 2 succeeded, 1 failed');
    expect(msg('vi', 'run.jobs', { count: 1, succeeded: 1, failed: 0 })).toBe('  1 việc: 1 thành công, 0 thất bại');
    expect(msg('vi', 'run.jobs', { count: 3, succeeded: 2, failed: 1 })).toBe('  3 việc: 2 thành công, 1 thất bại');
    expect(msg('en', 'run.months', { count: 1 })).toBe('1 month');
    expect(msg('en', 'run.months', { count: 26 })).toBe('26 months');
  });

  it('keeps what a value holds as it is: no HTML escaping, no nesting, no second interpolation', () => {
    const value = '<b>&"x"</b> {{value}} $t(cli.help.option)';
    expect(msg('en', 'error.period.notMonth', { option: '--period', value })).toBe(`--period "${value}" is not a month. Fix: write YYYY-MM, for example --period 2026-10`);
  });

  it('builds an error that names the option, the value and the fix in either language', () => {
    const both = msgBoth('error.period.notMonth', { option: '--period', value: '2026-13' });
    expect(both.vi).toBe('--period "2026-13" không phải là một tháng. Cách sửa: viết theo dạng YYYY-MM, ví dụ --period 2026-10');
    expect(both.en).toBe('--period "2026-13" is not a month. Fix: write YYYY-MM, for example --period 2026-10');
    const err = new UsageError('error.period.notMonth', { option: '--period', value: '2026-13' });
    expect(err.name).toBe('UsageError');
    expect([err.in('vi'), err.in('en')]).toEqual([both.vi, both.en]);
    expect(new UsageError({ text: 'already written' }).in('en')).toBe('already written');
  });
});
