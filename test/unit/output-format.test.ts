// The one output option every command that prints data takes (src/cli/output.ts).
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.ts';
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

  it('refuses a format the command cannot give, and two formats at once, naming the fix', () => {
    expect(() => outputFormat(parsed(['--format', 'csv']), ['table', 'json'])).toThrow(new UsageError('--format "csv" is not one this command gives. Fix: use --format table, --format json'));
    expect(() => outputFormat(parsed(['--format', 'yaml']), ['table', 'json', 'csv'])).toThrow(/--format "yaml" is not one this command gives/);
    expect(() => outputFormat(parsed(['--json', '--format', 'csv']), ['table', 'json', 'csv'])).toThrow('--json and --format "csv" ask for two formats. Fix: give one of them');
  });
});
