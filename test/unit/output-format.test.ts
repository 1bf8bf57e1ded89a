// The one output option every command that prints data takes (src/cli/output.ts).
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { setCliLang, UsageError } from '../../src/cli/errors.ts';
import { outputFormat, withFormat } from '../../src/cli/output.ts';

const parsed = (args: string[]) => {
  const cmd = withFormat(new Command('x').exitOverride(), ['table', 'json', 'csv']);
  cmd.parse(args, { from: 'user' });
  return cmd.opts();
};

describe('--format', () => {
  it('is table by default, json with --format json or its --json shorthand, csv where the command gives it', () => {
    expect(outputFormat(parsed([]), ['table', 'json', 'csv'])).toBe('table');
    expect(outputFormat(parsed(['--format', 'json']), ['table', 'json', 'csv'])).toBe('json');
    expect(outputFormat(parsed(['--json']), ['table', 'json', 'csv'])).toBe('json');
    expect(outputFormat(parsed(['--json', '--format', 'json']), ['table', 'json'])).toBe('json');
    expect(outputFormat(parsed(['--format', 'csv']), ['table', 'json', 'csv'])).toBe('csv');
  });

  it('refuses a format the command cannot give, and two formats at once, naming the fix, in Vietnamese unless English is asked for', () => {
    const refused = (fn: () => unknown): UsageError => {
      try {
        fn();
      } catch (err) {
        if (err instanceof UsageError) return err;
        throw err;
      }
      throw new Error('not refused');
    };
    const notGiven = refused(() => outputFormat(parsed(['--format', 'csv']), ['table', 'json']));
    expect(notGiven.message).toBe('--format "csv" không phải là định dạng lệnh này có. Cách sửa: dùng --format table, --format json');
    expect(notGiven.in('en')).toBe('--format "csv" is not one this command gives. Fix: use --format table, --format json');
    expect(refused(() => outputFormat(parsed(['--format', 'yaml']), ['table', 'json', 'csv'])).in('en')).toMatch(/--format "yaml" is not one this command gives/);
    const two = refused(() => outputFormat(parsed(['--json', '--format', 'csv']), ['table', 'json', 'csv']));
    expect(two.message).toBe('--json và --format "csv" yêu cầu hai định dạng. Cách sửa: chỉ dùng một trong hai');
    expect(two.in('en')).toBe('--json and --format "csv" ask for two formats. Fix: give one of them');
    setCliLang('en');
    try {
      expect(() => outputFormat(parsed(['--json', '--format', 'csv']), ['table', 'json', 'csv'])).toThrow('--json and --format "csv" ask for two formats. Fix: give one of them');
    } finally {
      setCliLang('vi');
    }
  });
});
