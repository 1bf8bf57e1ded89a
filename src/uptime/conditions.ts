// The condition language of probe assertions, in the manner of Gatus:
//   [STATUS] == 200          [RESPONSE_TIME] < 2000        [BODY].status == "ok"
//   [CERTIFICATE_EXPIRATION] > 336h   len([BODY].items) > 0   [STATUS] == any(200, 204)
//   [BODY] == pat(*Dịch vụ công*)     has([BODY].errors) == false   [HEADER].content-type == pat(*json*)
// Pure: conditions are parsed once (when the configuration is loaded, so a typo is a config
// error naming the field) and evaluated against the facts one probe gathered.

import type { Lang } from '../i18n.ts';
import { msg, msgBoth, msgWith, type MessageKey, type VarsInBoth } from '../messages/index.ts';

export const PLACEHOLDERS = [
  'STATUS', 'RESPONSE_TIME', 'BODY', 'CONNECTED', 'IP', 'CERTIFICATE_EXPIRATION', 'HEADER', 'REDIRECTS', 'FINAL_URL',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const OPERATORS = ['==', '!=', '<=', '>=', '<', '>'] as const;
type Operator = (typeof OPERATORS)[number];

/** A placeholder, optionally followed by a path (`[BODY].a.b[0]`, `[HEADER].content-type`), optionally inside len()/has(). */
interface PlaceholderOperand {
  kind: 'placeholder';
  name: Placeholder;
  path: Array<string | number>;
  fn: 'len' | 'has' | null;
}
type Operand =
  | PlaceholderOperand
  | { kind: 'literal'; text: string }
  | { kind: 'pattern'; glob: string }
  | { kind: 'any'; values: string[] };

export interface Condition {
  source: string;
  left: Operand;
  op: Operator;
  right: Operand;
}

/** What a probe observed, as the conditions see it. Missing facts are undefined (e.g. no TLS). */
export interface ProbeFacts {
  connected: boolean;
  status?: number;
  responseTimeMs?: number;
  body?: string;
  headers?: Record<string, string>;
  ip?: string;
  /** Milliseconds until the certificate expires (negative once expired). */
  certificateExpiresInMs?: number;
  redirects?: number;
  finalUrl?: string;
}

export interface ConditionResult {
  condition: string;
  ok: boolean;
  /** What the left side resolved to, bounded (it may come from a hostile body). */
  actual: string;
}

/** A condition that cannot be read; `texts` says it in each language (the configuration error the reader sees), `message` in English. */
export class ConditionSyntaxError extends Error {
  readonly texts: Readonly<Record<Lang, string>>;

  constructor(source: string, problem: Extract<MessageKey, `config.condition.${string}`>, vars: VarsInBoth = {}) {
    const inLang = (lang: Lang) => msg(lang, 'config.condition.error', { source, problem: msgWith(lang, problem, vars) });
    const texts = { vi: inLang('vi'), en: inLang('en') };
    super(texts.en);
    this.texts = texts;
    this.name = 'ConditionSyntaxError';
  }
}

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION_RE = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** "336h" → ms; Go-style compound durations ("1h30m") too. null when the text is not a duration. */
export function parseDuration(text: string): number | null {
  const parts = text.match(/\d+(?:\.\d+)?(?:ms|s|m|h|d)/g);
  if (!parts || parts.join('') !== text) return null;
  return parts.reduce((sum, part) => {
    const [, n, unit] = DURATION_RE.exec(part)!;
    return sum + Number(n) * DURATION_UNITS[unit!]!;
  }, 0);
}

function splitOnOperator(source: string): [string, Operator, string] {
  // Outside quotes and brackets, the first operator splits the condition.
  let quote: string | null = null;
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0) {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (op) return [source.slice(0, i).trim(), op, source.slice(i + op.length).trim()];
    }
  }
  throw new ConditionSyntaxError(source, 'config.condition.noOperator', { operators: OPERATORS.join(' ') });
}

function parsePath(source: string, text: string): Array<string | number> {
  const path: Array<string | number> = [];
  const re = /\.([^.[\]]+)|\[(\d+)\]/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) throw new ConditionSyntaxError(source, 'config.condition.badPath', { path: text });
    path.push(m[1] !== undefined ? m[1] : Number(m[2]));
    at = re.lastIndex;
  }
  return path;
}

function unquote(text: string): string {
  const m = /^(["'])(.*)\1$/s.exec(text);
  return m ? m[2]! : text;
}

function splitArgs(text: string, unquoted = true): string[] {
  const out: string[] = [];
  let quote: string | null = null;
  let current = '';
  for (const c of text) {
    if (quote) {
      current += c;
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === ',') {
      out.push(current.trim());
      current = '';
    } else current += c;
  }
  out.push(current.trim());
  return unquoted ? out.map(unquote) : out;
}

function parseOperand(source: string, text: string, side: 'left' | 'right'): Operand {
  const fn = /^(len|has|pat|any)\((.*)\)$/s.exec(text);
  if (fn) {
    const [, name, inner] = fn;
    if (name === 'pat' || name === 'any') {
      if (side === 'left') throw new ConditionSyntaxError(source, 'config.condition.functionOnRight', { name: name! });
      return name === 'pat' ? { kind: 'pattern', glob: unquote(inner!.trim()) } : { kind: 'any', values: splitArgs(inner!) };
    }
    const operand = parseOperand(source, inner!.trim(), side);
    if (operand.kind !== 'placeholder') throw new ConditionSyntaxError(source, 'config.condition.functionTakesPlaceholder', { name: name! });
    return { ...operand, fn: name as 'len' | 'has' };
  }
  const ph = /^\[([A-Z_]+)\](.*)$/s.exec(text);
  if (ph) {
    const name = ph[1] as Placeholder;
    if (!PLACEHOLDERS.includes(name)) {
      throw new ConditionSyntaxError(source, 'config.condition.unknownPlaceholder', { name: ph[1]!, known: PLACEHOLDERS.map((p) => `[${p}]`).join(', ') });
    }
    const path = parsePath(source, ph[2]!.trim());
    if (path.length > 0 && name !== 'BODY' && name !== 'HEADER') throw new ConditionSyntaxError(source, 'config.condition.pathNotTaken');
    if (name === 'HEADER' && path.length !== 1) throw new ConditionSyntaxError(source, 'config.condition.headerName');
    return { kind: 'placeholder', name, path, fn: null };
  }
  if (text === '') throw new ConditionSyntaxError(source, side === 'left' ? 'config.condition.emptyLeft' : 'config.condition.emptyRight');
  if (side === 'left') throw new ConditionSyntaxError(source, 'config.condition.leftNotPlaceholder');
  return { kind: 'literal', text: unquote(text) };
}

// What each left-hand side can be compared with: a typo such as "[STATUS] === 200" (read as
// "== '= 200'") or "[STATUS] <> 200" (read as "< '> 200'") must be a configuration error, not a
// condition that can never hold and marks a healthy portal DOWN.
type Expected = 'integer' | 'number_or_duration' | 'boolean' | 'text';

function expectedOf(left: PlaceholderOperand): Expected {
  if (left.fn === 'len') return 'integer';
  if (left.fn === 'has') return 'boolean';
  switch (left.name) {
    case 'STATUS':
    case 'REDIRECTS':
      return 'integer';
    case 'RESPONSE_TIME':
    case 'CERTIFICATE_EXPIRATION':
      return 'number_or_duration';
    case 'CONNECTED':
      return 'boolean';
    default:
      return 'text';
  }
}

const INTEGER = /^-?\d+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;
/** Characters an unquoted text may not hold: operators, brackets, quotes (quote the text instead). */
const NOT_IN_BARE_TEXT = /[=<>!&|()[\]"']/;

function checkValue(source: string, left: PlaceholderOperand, text: string, quoted: boolean, ordering: boolean): void {
  const expected = expectedOf(left);
  const what = `${left.fn ? `${left.fn}([${left.name}])` : `[${left.name}]`}`;
  const fits = expected === 'integer' ? !quoted && INTEGER.test(text)
    : expected === 'number_or_duration' ? !quoted && (NUMBER.test(text) || parseDuration(text) !== null)
      : expected === 'boolean' ? !quoted && (text === 'true' || text === 'false')
        : true;
  if (!fits) {
    const want = expected === 'integer' ? 'config.condition.wantInteger' : expected === 'number_or_duration' ? 'config.condition.wantDuration' : 'config.condition.wantBoolean';
    throw new ConditionSyntaxError(source, 'config.condition.wrongType', { what, value: JSON.stringify(text), want: msgBoth(want) });
  }
  if (ordering && expected === 'text' && (quoted || !NUMBER.test(text))) {
    throw new ConditionSyntaxError(source, 'config.condition.orderingNeedsNumber', { what, value: JSON.stringify(text) });
  }
  if (!quoted && NOT_IN_BARE_TEXT.test(text)) {
    throw new ConditionSyntaxError(source, 'config.condition.strayOperator', { value: JSON.stringify(text) });
  }
}

/** The right-hand side must be a value the left-hand side can equal: typed, and with no stray operator. */
function checkRightSide(source: string, left: PlaceholderOperand, op: Operator, rawRight: string, right: Operand): void {
  const ordering = op !== '==' && op !== '!=';
  if (right.kind === 'pattern' || right.kind === 'any') {
    if (ordering) throw new ConditionSyntaxError(source, 'config.condition.onlyEquality', { fn: right.kind === 'pattern' ? 'pat()' : 'any()' });
    if (right.kind === 'any') {
      if (right.values.length === 0 || right.values.some((v) => v === '')) throw new ConditionSyntaxError(source, 'config.condition.anyNeedsValues');
      const raw = /^any\((.*)\)$/s.exec(rawRight)![1]!;
      splitArgs(raw, false).forEach((arg) => checkValue(source, left, unquote(arg), /^(["']).*\1$/s.test(arg), false));
    } else if (expectedOf(left) !== 'text') {
      throw new ConditionSyntaxError(source, 'config.condition.patNeedsText', { name: left.name });
    }
    return;
  }
  if (right.kind !== 'literal') throw new ConditionSyntaxError(source, 'config.condition.rightNotValue');
  const quotedMatch = /^(["'])(.*)\1$/s.exec(rawRight);
  if (!quotedMatch && /^["']/.test(rawRight)) throw new ConditionSyntaxError(source, 'config.condition.unclosedQuote', { text: rawRight });
  checkValue(source, left, right.text, quotedMatch !== null, ordering);
}

/** Operators from other languages that the split would read as an operator plus a stray character. */
const TYPO_OPERATORS: Record<string, string> = { '===': '==', '!==': '!=', '<>': '!=', '=>': '>=', '=<': '<=', '!>': '<=', '!<': '>=' };

export function parseCondition(source: string): Condition {
  const [left, op, right] = splitOnOperator(source.trim());
  const before = /[=<>!]+$/.exec(left)?.[0] ?? '';
  const after = /^[=<>!]+/.exec(right)?.[0] ?? '';
  if (before || after) {
    const written = `${before}${op}${after}`;
    const meant = TYPO_OPERATORS[written];
    const example = `${left.slice(0, left.length - before.length).trim()} ${meant} ${right.slice(after.length).trim()}`;
    throw new ConditionSyntaxError(source, meant ? 'config.condition.notOperatorMeant' : 'config.condition.notOperator', { written, meant: meant ?? '', example, operators: OPERATORS.join(' ') });
  }
  const leftOperand = parseOperand(source, left, 'left') as PlaceholderOperand;
  const rightOperand = parseOperand(source, right, 'right');
  checkRightSide(source, leftOperand, op, right, rightOperand);
  return { source: source.trim(), left: leftOperand, op, right: rightOperand };
}

// ---------------------------------------------------------------------------------------------

type Value = string | number | boolean | null | undefined | object;

function jsonAt(body: string | undefined, path: Array<string | number>, cache: { parsed?: { value: unknown } | null }): Value {
  if (body === undefined) return undefined;
  if (cache.parsed === undefined) {
    try {
      cache.parsed = { value: JSON.parse(body) };
    } catch {
      cache.parsed = null;
    }
  }
  if (cache.parsed === null) return undefined;
  let node: unknown = cache.parsed.value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node as Value;
}

function resolve(op: PlaceholderOperand, facts: ProbeFacts, cache: { parsed?: { value: unknown } | null }): Value {
  let value: Value;
  switch (op.name) {
    case 'STATUS': value = facts.status; break;
    case 'RESPONSE_TIME': value = facts.responseTimeMs === undefined ? undefined : Math.round(facts.responseTimeMs); break;
    case 'BODY': value = op.path.length === 0 ? facts.body : jsonAt(facts.body, op.path, cache); break;
    case 'CONNECTED': value = facts.connected; break;
    case 'IP': value = facts.ip; break;
    case 'CERTIFICATE_EXPIRATION': value = facts.certificateExpiresInMs; break;
    case 'HEADER': value = facts.headers?.[String(op.path[0]).toLowerCase()]; break;
    case 'REDIRECTS': value = facts.redirects; break;
    case 'FINAL_URL': value = facts.finalUrl; break;
  }
  if (op.fn === 'has') return value !== undefined && value !== null;
  if (op.fn === 'len') {
    if (typeof value === 'string' || Array.isArray(value)) return value.length;
    if (value !== null && typeof value === 'object') return Object.keys(value).length;
    return undefined;
  }
  return value;
}

/** Shown as the actual value when the placeholder resolved to nothing; reports translate it. */
export const MISSING = '(missing)';

function asText(value: Value): string {
  if (value === undefined) return MISSING;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function asNumber(text: string, durationsAllowed: boolean): number | null {
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return durationsAllowed ? parseDuration(text) : null;
}

function globMatch(glob: string, text: string): boolean {
  const re = new RegExp(`^${glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`);
  return re.test(text);
}

function compare(left: Value, op: Operator, right: string, durations: boolean): boolean {
  if (left === undefined || left === null) return op === '!=' ? right !== 'null' : right === 'null' && op === '==';
  const leftText = asText(left);
  const l = typeof left === 'number' ? left : asNumber(leftText, false);
  const r = asNumber(right, durations);
  if (op === '==' || op === '!=') {
    const equal = l !== null && r !== null ? l === r : leftText === right;
    return op === '==' ? equal : !equal;
  }
  if (l === null || r === null) return false;
  switch (op) {
    case '<': return l < r;
    case '<=': return l <= r;
    case '>': return l > r;
    case '>=': return l >= r;
  }
}

const MAX_ACTUAL = 120;

/**
 * Text from a portal made safe to store and print: control characters (a hostile page could
 * send terminal escape sequences) and line breaks become spaces, runs of spaces fold, and the
 * length is bounded.
 */
export function printable(text: string, max = MAX_ACTUAL): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

export function evaluateCondition(cond: Condition, facts: ProbeFacts, cache: { parsed?: { value: unknown } | null } = {}): ConditionResult {
  const left = resolve(cond.left as PlaceholderOperand, facts, cache);
  const durations = (cond.left as PlaceholderOperand).name === 'CERTIFICATE_EXPIRATION' || (cond.left as PlaceholderOperand).name === 'RESPONSE_TIME';
  let ok: boolean;
  const right = cond.right;
  if (right.kind === 'pattern') {
    const matched = left !== undefined && left !== null && globMatch(right.glob, asText(left));
    ok = cond.op === '==' ? matched : cond.op === '!=' ? !matched : false;
  } else if (right.kind === 'any') {
    const matched = right.values.some((v) => compare(left, '==', v, durations));
    ok = cond.op === '==' ? matched : cond.op === '!=' ? !matched : false;
  } else if (right.kind === 'literal') {
    ok = compare(left, cond.op, right.text, durations);
  } else {
    ok = false; // a placeholder on the right is refused by the parser
  }
  return { condition: cond.source, ok, actual: printable(asText(left)) };
}

/** Evaluates every condition; the parsed JSON body is shared between them. */
export function evaluateConditions(conds: readonly Condition[], facts: ProbeFacts): ConditionResult[] {
  const cache: { parsed?: { value: unknown } | null } = {};
  return conds.map((c) => evaluateCondition(c, facts, cache));
}

/** Whether a condition looks at timing: a failure of it cannot be trusted if our process stalled. */
export function dependsOnTiming(cond: Condition): boolean {
  return cond.left.kind === 'placeholder' && cond.left.name === 'RESPONSE_TIME';
}

/** Whether the conditions decide about the status code themselves (then a 4xx/5xx is not a failure by itself). */
export function mentionsStatus(conds: readonly Condition[]): boolean {
  return conds.some((c) => c.left.kind === 'placeholder' && c.left.name === 'STATUS');
}
