// Commander's own error messages (an unknown option, a missing value, a choice not offered…),
// said again from the catalogue in the reader's language with the fix. A message this table
// does not know is printed as commander wrote it.
import type { Lang } from '../i18n.ts';
import { msg, type MessageKey } from '../messages/index.ts';

const PATTERNS: Array<[RegExp, MessageKey, string[]]> = [
  [/^error: unknown option '(.+?)'$/, 'cli.commander.unknownOption', ['option']],
  [/^error: unknown command '(.+?)'$/, 'cli.commander.unknownCommand', ['value']],
  [/^error: option '(.+?)' argument missing$/, 'cli.commander.optionArgumentMissing', ['option']],
  [/^error: required option '(.+?)' not specified$/, 'cli.commander.requiredOption', ['option']],
  [/^error: missing required argument '(.+?)'$/, 'cli.commander.missingArgument', ['argument']],
  [/^error: option '(.+?)' argument '(.*?)' is invalid\. Allowed choices are (.+)\.$/s, 'cli.commander.invalidChoice', ['option', 'value', 'choices']],
  [/^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\.$/, 'cli.commander.tooManyArguments', ['command', 'expected', 'count']],
];

/** The error commander wrote (first line), in `lang`; its "(Did you mean …?)" line too. */
export function localiseCommanderError(text: string, lang: Lang): string {
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const suggestion = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(rest.join(' ').trim());
  for (const [pattern, key, names] of PATTERNS) {
    const m = pattern.exec(first);
    if (!m) continue;
    const vars = Object.fromEntries(names.map((name, i) => [name, m[i + 1] ?? '']));
    const said = msg(lang, key, { ...vars, command: vars.command || 'dvc-monitor' });
    if (rest.length && !suggestion) return `${said}\n${rest.join('\n')}\n`;
    return `${said}${suggestion ? `\n${msg(lang, 'cli.commander.didYouMean', { names: suggestion[1]! })}` : ''}\n`;
  }
  return text;
}
