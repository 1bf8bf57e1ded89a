// Loads the YAML configuration: parse, substitute ${ENV} references, validate, cross-check
// references, and report every problem with its place in the file, the value and the fix.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { LineCounter, isMap, isPair, isScalar, parseDocument, visit, type Document, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { builtInAgencies, type Agency } from '../registry/agencies.ts';
import { crossCheckUptime } from '../uptime/endpoints.ts';
import { crossCheckQueue } from '../scale/config.ts';
import { ConfigSchema, type Config } from './schema.ts';
import type { Lang } from '../i18n.ts';
import { CATALOGUES, labelOf, msg, msgBoth, msgWith, type MessageKey, type VarsInBoth } from '../messages/index.ts';

/** One problem in each language: the CLI prints the reader's. */
export type ProblemText = Record<Lang, string>;

export class ConfigError extends Error {
  readonly file: string;
  /** Each problem in English, as the error's message has them. */
  readonly problems: string[];
  /** Each problem in both languages. */
  readonly texts: ProblemText[];
  constructor(file: string, texts: ProblemText[]) {
    super(describeConfigProblems(file, texts, 'en'));
    this.name = 'ConfigError';
    this.file = file;
    this.texts = texts;
    this.problems = texts.map((p) => p.en);
  }
}

/** "FILE: 2 problems in the configuration", then one line per problem, in the reader's language. */
export function describeConfigProblems(file: string, problems: readonly ProblemText[], lang: Lang): string {
  return `${msg(lang, 'config.problems', { file, count: problems.length })}\n${problems.map((p) => `  - ${p[lang]}`).join('\n')}`;
}

export interface LoadedConfig {
  file: string;
  config: Config;
  /** SHA-256 of the validated configuration, recorded with every run. */
  hash: string;
  /** Built-in agencies plus those the config adds. */
  agencies: Agency[];
}

type Path = Array<string | number>;

/**
 * A problem at a place in the file. The sections that cross-check themselves elsewhere
 * (src/uptime/endpoints.ts, src/scale/config.ts) may still give their text in English alone.
 */
type Located = [Path, ProblemText | string];

/** A problem's text in each language, made by one function of the language. */
const inEach = (text: (lang: Lang) => string): ProblemText => ({ vi: text('vi'), en: text('en') });

export const formatPath = (path: readonly PropertyKey[], lang: Lang = 'en') =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || msg(lang, 'config.path.topLevel');

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Replaces ${NAME} and ${NAME:-default} in every string; names secrets stay out of the file. */
function substituteEnv(node: unknown, path: Path, env: NodeJS.ProcessEnv, problems: Located[]): unknown {
  if (typeof node === 'string') {
    return node.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      problems.push([path, msgBoth('config.file.envUnset', { name, withDefault: `\${${name}:-default}` })]);
      return '';
    });
  }
  if (Array.isArray(node)) return node.map((v, i) => substituteEnv(v, [...path, i], env, problems));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, substituteEnv(v, [...path, k], env, problems)]));
  }
  return node;
}

function locator(doc: Document, lines: LineCounter, file: string) {
  return (path: Path, key?: string): string => {
    let node: unknown = doc.getIn(path, true);
    if (key !== undefined && isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
      node = pair?.key;
    }
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (!range) return file;
    const { line, col } = lines.linePos(range[0]);
    return `${file}:${line}:${col}`;
  };
}

/** Each problem with its place and field first: "FILE:LINE:COL portals[0].agency …". */
const located = (where: (path: Path) => string, problems: readonly Located[]): ProblemText[] =>
  problems.map(([path, text]) => inEach((lang) => `${where(path)} ${formatPath(path, lang)} ${typeof text === 'string' ? text : text[lang]}`));

/** The type a value should have, in words; a type not named here is shown as zod names it. */
const TYPE_NAMES = {
  string: 'config.type.string', number: 'config.type.number', int: 'config.type.int', boolean: 'config.type.boolean',
  array: 'config.type.array', object: 'config.type.object', record: 'config.type.record',
} as const satisfies Record<string, MessageKey>;

const typeName = (expected: string, lang: Lang) => labelOf(TYPE_NAMES, expected, lang);

/** Lengths are whole numbers: "more than 2 items" is said as "at least 3 items". */
const ITEMS = { atLeast: 'config.bound.itemsAtLeast', atMost: 'config.bound.itemsAtMost', exactly: 'config.bound.itemsExactly' } as const;
const SIZED = {
  array: ITEMS,
  set: ITEMS,
  string: { atLeast: 'config.bound.charactersAtLeast', atMost: 'config.bound.charactersAtMost', exactly: 'config.bound.charactersExactly' },
} as const satisfies Record<string, Record<'atLeast' | 'atMost' | 'exactly', MessageKey>>;

/** The bound of a too_small or too_big issue: "must be >=10", "phải từ 10 trở lên". */
function boundText(issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig, lang: Lang): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const sized = Object.hasOwn(SIZED, issue.origin) ? SIZED[issue.origin as keyof typeof SIZED] : null;
  if (sized === null) {
    const key = small ? (issue.inclusive ? 'config.bound.atLeast' : 'config.bound.above') : (issue.inclusive ? 'config.bound.atMost' : 'config.bound.below');
    return msg(lang, key, { limit: String(limit) });
  }
  if (issue.exact) return msg(lang, sized.exactly, { limit: String(limit) });
  const whole = issue.inclusive ? limit : small ? limit + 1 : limit - 1;
  return msg(lang, small ? sized.atLeast : sized.atMost, { limit: String(whole) });
}

/** A schema rule's problem carries its catalogue key as the message (src/config/schema.ts); zod's own issues are English text. */
const isRuleKey = (message: string): message is Extract<MessageKey, `config.rule.${string}`> =>
  message.startsWith('config.rule.') && Object.hasOwn(CATALOGUES.en, message);

function ruleText(issue: z.core.$ZodIssue, lang: Lang): string | null {
  if (!isRuleKey(issue.message)) return null;
  const params = issue.code === 'custom' ? (issue.params as VarsInBoth | undefined) : undefined;
  return msgWith(lang, issue.message, params ?? {});
}

function describeIssue(issue: z.core.$ZodIssue, value: unknown, lang: Lang): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return msg(lang, 'config.issue.unknownKey', { count: issue.keys.length, keys: issue.keys.map((k) => `"${k}"`).join(', ') });
    case 'invalid_type': {
      const expected = typeName(issue.expected, lang);
      return value === undefined ? msg(lang, 'config.issue.required', { expected }) : msg(lang, 'config.issue.wrongType', { value: show(value), expected });
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => show(v)).join(', ');
      return value === undefined ? msg(lang, 'config.issue.missingNotAllowed', { values }) : msg(lang, 'config.issue.notAllowed', { value: show(value), values });
    }
    case 'invalid_key': {
      // A record's key (a JSON path, a CSS selector, a label) is wrong, not its value.
      const inner = issue.issues[0];
      const problem = inner === undefined
        ? msg(lang, 'config.issue.keyNotAllowed')
        : ruleText(inner, lang) ?? msg(lang, 'config.issue.otherNoValue', { detail: inner.message });
      return msg(lang, 'config.issue.badKey', { key: show(issue.path.at(-1)), problem });
    }
    case 'invalid_union':
      return msg(lang, 'config.issue.noForm', { value: show(value) });
    case 'too_small':
    case 'too_big':
      return msg(lang, 'config.issue.outOfBounds', { value: show(value), bound: boundText(issue, lang) });
    default: {
      const rule = ruleText(issue, lang);
      if (rule !== null) return value === undefined ? rule : msg(lang, 'config.issue.rule', { value: show(value), rule });
      return value === undefined
        ? msg(lang, 'config.issue.otherNoValue', { detail: issue.message })
        : msg(lang, 'config.issue.other', { value: show(value), detail: issue.message });
    }
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) node = node == null ? undefined : (node as Record<PropertyKey, unknown>)[key];
  return node;
}

/** References the schema cannot see: duplicates, unknown agencies, broken successor links. */
function crossCheck(config: Config, builtIns: Agency[]): Located[] {
  const problems: Located[] = [];
  const agencyCodes = new Set(builtIns.map((a) => a.code));
  config.agencies.forEach((a, i) => {
    if (agencyCodes.has(a.code)) {
      const builtin = builtIns.some((b) => b.code === a.code);
      problems.push([['agencies', i, 'code'], msgBoth(builtin ? 'config.check.duplicateBuiltInAgency' : 'config.check.duplicateAgency', { value: show(a.code) })]);
    }
    agencyCodes.add(a.code);
  });
  config.agencies.forEach((a, i) => {
    for (const field of ['succeededBy', 'parent'] as const) {
      const ref = a[field];
      if (ref !== undefined && !agencyCodes.has(ref)) {
        problems.push([['agencies', i, field], msgBoth('config.check.unknownAgencyLink', { value: show(ref) })]);
      }
    }
  });
  const seen = (key: MessageKey, list: Array<{ id: string }>, section: string) => {
    const ids = new Set<string>();
    list.forEach((item, i) => {
      if (ids.has(item.id)) problems.push([[section, i, 'id'], msgBoth(key, { value: show(item.id) })]);
      ids.add(item.id);
    });
  };
  seen('config.check.duplicatePortal', config.portals, 'portals');
  seen('config.check.duplicateSource', config.sources, 'sources');
  seen('config.check.duplicateChannel', config.channels, 'channels');
  config.portals.forEach((p, i) => {
    if (!agencyCodes.has(p.agency)) {
      problems.push([['portals', i, 'agency'], msgBoth('config.check.unknownAgency', { value: show(p.agency) })]);
    }
  });
  config.sources.forEach((source, i) => {
    const refs: Array<[Path, string]> = [];
    if ('agency' in source && source.agency !== undefined) refs.push([['sources', i, 'agency'], source.agency]);
    const maps: Array<[Path, Record<string, string>]> = [];
    if ('agencies' in source) maps.push([['sources', i, 'agencies'], source.agencies]);
    if ('table' in source && source.table) maps.push([['sources', i, 'table', 'agencies'], source.table.agencies]);
    for (const [path, map] of maps) for (const [key, code] of Object.entries(map)) refs.push([[...path, key], code]);
    for (const [path, code] of refs) {
      if (!agencyCodes.has(code)) problems.push([path, msgBoth('config.check.unknownAgency', { value: show(code) })]);
    }
  });
  config.targets.rules.forEach((r, i) => {
    if (r.agency !== undefined && !agencyCodes.has(r.agency)) {
      problems.push([['targets', 'rules', i, 'agency'], msgBoth('config.check.unknownTargetAgency', { value: show(r.agency) })]);
    }
  });
  problems.push(...crossCheckUptime(config));
  problems.push(...crossCheckQueue(config));
  return problems;
}

/** What the YAML library's error codes mean, in the catalogue; a code not here is said in the library's words. */
const YAML_PROBLEMS = {
  DUPLICATE_KEY: 'config.yaml.duplicateKey', BAD_INDENT: 'config.yaml.badIndent', TAB_AS_INDENT: 'config.yaml.tabIndent',
  BLOCK_IN_FLOW: 'config.yaml.blockInFlow', MISSING_CHAR: 'config.yaml.missingChar', BLOCK_AS_IMPLICIT_KEY: 'config.yaml.nestedOnOneLine',
  MULTILINE_IMPLICIT_KEY: 'config.yaml.multilineKey', MULTIPLE_DOCS: 'config.yaml.multipleDocuments', BAD_DQ_ESCAPE: 'config.yaml.badEscape',
  BAD_SCALAR_START: 'config.yaml.reservedStart', UNEXPECTED_TOKEN: 'config.yaml.unexpected',
} as const satisfies Partial<Record<YAMLError['code'], MessageKey>>;

/**
 * A YAML syntax error. English keeps the library's words and the line (as it always has);
 * Vietnamese says what the code means and the fix, at the line and column.
 */
function yamlSyntaxProblem(e: YAMLError, file: string): ProblemText {
  const pos = e.linePos?.[0];
  const libraryWords = e.message.split('\n')[0] ?? '';
  const meaning = Object.hasOwn(YAML_PROBLEMS, e.code) ? msg('vi', YAML_PROBLEMS[e.code as keyof typeof YAML_PROBLEMS]) : libraryWords;
  return {
    vi: msg('vi', 'config.file.yamlSyntax', { at: pos ? `${file}:${pos.line}:${pos.col}` : file, reason: meaning }),
    en: msg('en', 'config.file.yamlSyntax', { at: `${file}:${pos?.line ?? '?'}`, reason: libraryWords }),
  };
}

/** YAML aliases may be used this many times in a document: beyond it, a few lines could expand to billions of nodes (an alias bomb). */
const MAX_ALIAS_COUNT = 100;

/** The document as data; an alias bomb is a configuration error at the first alias, not a crash. */
function toData(doc: Document, lines: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    let first: number | undefined;
    visit(doc, { Alias: (_key, node) => { first ??= node.range?.[0]; return first === undefined ? undefined : visit.BREAK; } });
    const at = first === undefined ? file : `${file}:${lines.linePos(first).line}:${lines.linePos(first).col}`;
    // The library's words in English, as always; their meaning in Vietnamese.
    throw new ConfigError(file, [{
      vi: msg('vi', 'config.file.aliasBomb', { at, reason: msg('vi', 'config.yaml.aliasCount'), max: MAX_ALIAS_COUNT }),
      en: msg('en', 'config.file.aliasBomb', { at, reason: err.message, max: MAX_ALIAS_COUNT }),
    }]);
  }
}

/** Numbers YAML reads as infinite (1e400, .inf) or not a number (.nan): named with the text written, never shown as "null". */
function nonFiniteNumbers(node: unknown, path: Path, out: Path[] = []): Path[] {
  if (typeof node === 'number' && !Number.isFinite(node)) out.push(path);
  else if (Array.isArray(node)) node.forEach((v, i) => nonFiniteNumbers(v, [...path, i], out));
  else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) nonFiniteNumbers(v, [...path, k], out);
  return out;
}

export function parseConfig(text: string, file: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    throw new ConfigError(file, doc.errors.map((e) => yamlSyntaxProblem(e, file)));
  }
  const where = locator(doc, lines, file);
  const data = toData(doc, lines, file);
  const outOfRange = nonFiniteNumbers(data, []);
  if (outOfRange.length) {
    throw new ConfigError(file, outOfRange.map((path) => {
      const range = (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
      const value = valueAt(data, path) as number;
      const written = range ? text.slice(range[0], range[1]) : String(value);
      const key = Number.isNaN(value) ? 'config.file.notANumber' : value > 0 ? 'config.file.tooLarge' : 'config.file.tooSmall';
      return inEach((lang) => msg(lang, key, { at: where(path), path: formatPath(path, lang), written }));
    }));
  }
  const envProblems: Located[] = [];
  const raw = substituteEnv(data, [], env, envProblems);
  if (envProblems.length) throw new ConfigError(file, located(where, envProblems));

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => {
        const path = issue.path as Path;
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
        const shown = key !== undefined ? [...path, key] : path;
        return inEach((lang) => {
          // A secret pasted where the name of its variable belongs must not be echoed back.
          const value = path.at(-1) === 'clientSecretEnv' ? msg(lang, 'config.value.hidden') : valueAt(raw, path);
          const described = describeIssue(issue, value, lang);
          return `${where(path, key)} ${formatPath(shown, lang)}${described.startsWith(':') ? '' : ' '}${described}`;
        });
      }),
    );
  }
  const config = parsed.data;
  const builtIns = builtInAgencies();
  const refProblems = crossCheck(config, builtIns);
  if (refProblems.length) throw new ConfigError(file, located(where, refProblems));

  const added: Agency[] = config.agencies.map((a) => ({
    code: a.code, name: a.name, level: a.level, validFrom: a.validFrom ?? null, validTo: a.validTo ?? null,
    succeededBy: a.succeededBy ?? null, gatewayCode: a.gatewayCode ?? null, parent: a.parent ?? null, origin: 'config',
  }));
  const hash = createHash('sha256').update(JSON.stringify(config)).digest('hex');
  return { file, config, hash, agencies: [...builtIns, ...added] };
}

/** The text of a configuration file, which must be UTF-8: an invalid byte is named with its line and column, never silently replaced. */
export function decodeConfig(bytes: Buffer, file: string): string {
  if (isUtf8(bytes)) return bytes.toString('utf8').replace(/^\uFEFF/, '');
  const lossy = bytes.toString('utf8');
  const bad = lossy.indexOf('\uFFFD');
  const before = lossy.slice(0, bad);
  const line = before.split('\n').length;
  const col = bad - before.lastIndexOf('\n');
  const offset = Buffer.byteLength(before, 'utf8');
  const shown = [...bytes.subarray(offset, offset + 4)].map((b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
  throw new ConfigError(file, [msgBoth('config.file.notUtf8', { at: `${file}:${line}:${col}`, bytes: shown, offset })]);
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = decodeConfig(readFileSync(file), file);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      code === 'ENOENT' ? msgBoth('config.file.missing') : msgBoth('config.file.unreadable', { reason: code ?? (err as Error).message }),
    ]);
  }
  return parseConfig(text, file, env);
}
