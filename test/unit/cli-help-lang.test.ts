// Every command's help, built the way main builds it for `dvc-monitor <command> --help`: in
// Vietnamese by default, nothing of it left in English, and English with --lang en.
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src/cli/commands/index.ts';
import { setCliLang } from '../../src/cli/errors.ts';
import { buildProgram } from '../../src/cli/main.ts';
import { PARTS } from '../../src/messages/parts.ts';

afterAll(() => setCliLang('vi'));

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The command the arguments name, and its subcommands, each with what its help shows. */
async function helpOf(name: string, lang: 'vi' | 'en'): Promise<{ path: string; texts: string[]; help: string }[]> {
  const program = await buildProgram([name, '--lang', lang]);
  const cmd = program.commands.find((c) => c.name() === name)!;
  const all: Command[] = [cmd, ...cmd.commands.filter((c) => c.name() !== 'help')];
  return all.map((c) => ({
    path: c === cmd ? name : `${name} ${c.name()}`,
    texts: [c.description(), ...c.options.map((o) => o.description ?? ''), ...c.registeredArguments.map((a) => a.description)].filter(Boolean),
    help: squash(c.helpInformation()),
  }));
}

// English sentences long enough not to turn up inside a Vietnamese one by chance (option
// names, codes and "YYYY-MM" are shared by both on purpose).
// A text with placeholders is looked for up to its first one. Help is made of the command line's
// part of the catalogue (other parts hold e.g. "dvc-monitor export", a title both languages share).
const englishTexts = Object.values({ ...PARTS.cli.en, ...PARTS.common.en } as Record<string, string>).map((text) => squash(text.replace(/\{\{\w+\}\}.*$/, ''))).filter((text) => /[a-z]{3,} [a-z]{3,}/.test(text));

describe('help in the reader\'s language', () => {
  it.each(COMMAND_NAMES)('%s: every description, option and argument in Vietnamese by default, in English with --lang en', async (name) => {
    const vi = await helpOf(name, 'vi');
    const en = await helpOf(name, 'en');
    expect(vi.map((c) => c.path)).toEqual(en.map((c) => c.path));
    for (const [i, viCmd] of vi.entries()) {
      const enCmd = en[i]!;
      expect(viCmd.texts.length, viCmd.path).toBe(enCmd.texts.length);
      // A text the same in both languages was never put in the catalogue.
      for (const [j, text] of viCmd.texts.entries()) expect(text, `${viCmd.path}: ${text}`).not.toBe(enCmd.texts[j]);
      expect(viCmd.help, viCmd.path).toMatch(/^Cách dùng: /);
      for (const english of englishTexts) expect(viCmd.help.includes(english), `${viCmd.path} --help shows "${english}"`).toBe(false);
      expect(enCmd.help, enCmd.path).toMatch(/^Usage: /);
      expect(enCmd.help).toContain('display help for command');
      expect(enCmd.help).not.toMatch(/Cách dùng|Tùy chọn|mặc định/);
    }
  });

  it('the program\'s own help too', async () => {
    const vi = squash((await buildProgram(['--help'])).helpInformation());
    for (const english of englishTexts) expect(vi.includes(english), `--help shows "${english}"`).toBe(false);
    expect(vi).toContain('--lang <lang> ngôn ngữ hiển thị (mặc định: vi) (chọn một trong: "vi", "en")');
    const en = squash((await buildProgram(['--help', '--lang=en'])).helpInformation());
    expect(en).toContain('--lang <lang> language of the output (default: vi) (choices: "vi", "en")');
  });
});
