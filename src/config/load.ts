// Loads the YAML configuration: parse, substitute ${ENV} references, validate, cross-check
// references, and report every problem with its place in the file, the value and the fix.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { LineCounter, isMap, isPair, isScalar, parseDocument, visit, type Document } from 'yaml';
import type { z } from 'zod';
import { builtInAgencies, type Agency } from '../registry/agencies.ts';
import { crossCheckUptime } from '../uptime/endpoints.ts';
import { crossCheckQueue } from '../scale/config.ts';
import { ConfigSchema, type Config } from './schema.ts';
import type { Lang } from '../i18n.ts';
import { msg } from '../messages/index.ts';

export class ConfigError extends Error {
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(describeConfigProblems(file, problems, 'en'));
    this.name = 'ConfigError';
    this.file = file;
    this.problems = problems;
  }
}

/** "FILE: 2 problems in the configuration", then one line per problem (the CLI says it in the reader's language). */
export function describeConfigProblems(file: string, problems: readonly string[], lang: Lang): string {
  return `${msg(lang, 'config.problems', { file, count: problems.length })}\n${problems.map((p) => `  - ${p}`).join('\n')}`;
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

export const formatPath = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(top level)';

const show = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** Replaces ${NAME} and ${NAME:-default} in every string; names secrets stay out of the file. */
function substituteEnv(node: unknown, path: Path, env: NodeJS.ProcessEnv, problems: Array<[Path, string]>): unknown {
  if (typeof node === 'string') {
    return node.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback?: string) => {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      problems.push([path, `refers to the environment variable ${name}, which is not set. Fix: export ${name}=… or write \${${name}:-default}`]);
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

function describeIssue(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}. Fix: remove it or correct its spelling`;
    case 'invalid_type':
      return value === undefined
        ? `is required but missing. Fix: add it (expected ${issue.expected})`
        : `is ${show(value)}, expected ${issue.expected}. Fix: write a ${issue.expected}`;
    case 'invalid_value':
      return `is ${show(value)}. Fix: use one of ${issue.values.map((v) => show(v)).join(', ')}`;
    case 'invalid_key':
      // A record's key (a JSON path, a CSS selector, a label) is wrong, not its value.
      return `: the key ${show(issue.path.at(-1))} ${issue.issues[0]?.message ?? 'is not allowed'}`;
    case 'invalid_union':
      return `is ${show(value)}, which matches no allowed form. Fix: check "kind" and the keys that kind takes`;
    case 'too_small':
    case 'too_big':
      return `is ${show(value)}: ${issue.message.replace(/^Too (small|big): expected \w+ to (have|be) /, 'must be ')}. Fix: change the value`;
    default:
      return value === undefined ? issue.message : `is ${show(value)}: ${issue.message}`;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let node = data;
  for (const key of path) node = node == null ? undefined : (node as Record<PropertyKey, unknown>)[key];
  return node;
}

/** References the schema cannot see: duplicates, unknown agencies, broken successor links. */
function crossCheck(config: Config, builtIns: Agency[]): Array<[Path, string]> {
  const problems: Array<[Path, string]> = [];
  const agencyCodes = new Set(builtIns.map((a) => a.code));
  config.agencies.forEach((a, i) => {
    if (agencyCodes.has(a.code)) {
      const builtin = builtIns.some((b) => b.code === a.code);
      problems.push([['agencies', i, 'code'], `${show(a.code)} is a duplicate agency code${builtin ? ' (already in the built-in registry)' : ''}. Fix: give each agency its own code`]);
    }
    agencyCodes.add(a.code);
  });
  config.agencies.forEach((a, i) => {
    for (const field of ['succeededBy', 'parent'] as const) {
      const ref = a[field];
      if (ref !== undefined && !agencyCodes.has(ref)) {
        problems.push([['agencies', i, field], `${show(ref)} is not a known agency code. Fix: use a code from the registry or from "agencies"`]);
      }
    }
  });
  const seen = (kind: string, list: Array<{ id: string }>, key: string) => {
    const ids = new Set<string>();
    list.forEach((item, i) => {
      if (ids.has(item.id)) problems.push([[key, i, 'id'], `${show(item.id)} is a duplicate ${kind} id. Fix: give each ${kind} its own id`]);
      ids.add(item.id);
    });
  };
  seen('portal', config.portals, 'portals');
  seen('source', config.sources, 'sources');
  seen('channel', config.channels, 'channels');
  config.portals.forEach((p, i) => {
    if (!agencyCodes.has(p.agency)) {
      problems.push([['portals', i, 'agency'], `${show(p.agency)} is not a known agency code. Fix: use a code such as "tinh:01", "bo:BCT" or "VN", or add the agency under "agencies"`]);
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
      if (!agencyCodes.has(code)) problems.push([path, `${show(code)} is not a known agency code. Fix: use a code such as "tinh:01", "bo:BCT" or "VN", or add the agency under "agencies"`]);
    }
  });
  config.targets.rules.forEach((r, i) => {
    if (r.agency !== undefined && !agencyCodes.has(r.agency)) {
      problems.push([['targets', 'rules', i, 'agency'], `${show(r.agency)} is not a known agency code. Fix: use a code from the registry`]);
    }
  });
  problems.push(...crossCheckUptime(config));
  problems.push(...crossCheckQueue(config));
  return problems;
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
    throw new ConfigError(file, [`${at} YAML aliases (*name) expand too far: ${err.message} (more than ${MAX_ALIAS_COUNT} uses of aliases). Fix: write the values out instead of nesting aliases`]);
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
    throw new ConfigError(file, doc.errors.map((e) => `${file}:${e.linePos?.[0]?.line ?? '?'}: YAML syntax: ${e.message.split('\n')[0]}`));
  }
  const where = locator(doc, lines, file);
  const data = toData(doc, lines, file);
  const outOfRange = nonFiniteNumbers(data, []);
  if (outOfRange.length) {
    throw new ConfigError(file, outOfRange.map((path) => {
      const range = (doc.getIn(path, true) as { range?: [number, number, number] } | undefined)?.range;
      const written = range ? text.slice(range[0], range[1]) : String(valueAt(data, path));
      return `${where(path)} ${formatPath(path)} is ${written}, which is out of range: ${Number.isNaN(valueAt(data, path)) ? 'not a number' : `${(valueAt(data, path) as number) > 0 ? 'larger' : 'smaller'} than any number can be`}. Fix: write a number within the range this setting allows`;
    }));
  }
  const envProblems: Array<[Path, string]> = [];
  const raw = substituteEnv(data, [], env, envProblems);
  if (envProblems.length) throw new ConfigError(file, envProblems.map(([p, m]) => `${where(p)} ${formatPath(p)} ${m}`));

  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((issue) => {
        const path = issue.path as Path;
        const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
        const shown = key !== undefined ? [...path, key] : path;
        // A secret pasted where the name of its variable belongs must not be echoed back.
        const value = path.at(-1) === 'clientSecretEnv' ? '[hidden]' : valueAt(raw, path);
        const described = describeIssue(issue, value);
        return `${where(path, key)} ${formatPath(shown)}${described.startsWith(':') ? '' : ' '}${described}`;
      }),
    );
  }
  const config = parsed.data;
  const builtIns = builtInAgencies();
  const refProblems = crossCheck(config, builtIns);
  if (refProblems.length) throw new ConfigError(file, refProblems.map(([p, m]) => `${where(p)} ${formatPath(p)} ${m}`));

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
  throw new ConfigError(file, [`${file}:${line}:${col} is not valid UTF-8 (bytes ${shown} at byte ${offset}). Fix: save the file as UTF-8 (a Windows-1258 or Latin-1 editor turns Vietnamese letters into such bytes), then check the text on that line`]);
}

export function loadConfig(file: string, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  let text: string;
  try {
    text = decodeConfig(readFileSync(file), file);
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(file, [
      code === 'ENOENT'
        ? `the file does not exist. Fix: pass --config with the path of your configuration (see config/sandbox.yaml)`
        : `cannot be read (${code ?? (err as Error).message})`,
    ]);
  }
  return parseConfig(text, file, env);
}
