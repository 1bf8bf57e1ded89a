// Trackers by filter list: a list in Adblock Plus syntax (EasyPrivacy by default), evaluated by
// @ghostery/adblocker from the list's text. Only network rules count (cosmetic ones hide page
// parts, which says nothing of tracking). The product ships EasyPrivacy 2023-09 as the offline
// default (reference/trackers/); an operator installs a newer list with `dvc-monitor trackers
// update`, which validates it before it replaces the one in use. Every request finding names the
// list, its version and the rule that matched.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FiltersEngine } from '@ghostery/adblocker';
import { msg } from '../../messages/index.ts';
import { projectPath } from '../../paths.ts';
import type { Reason } from '../criteria/criterion.ts';

export const SHIPPED_FILTER_LIST = projectPath('reference', 'trackers', 'easyprivacy-202309050832.txt');

/** What a list is: its title and version from its header, how many network rules it has, its digest. */
export interface FilterListInfo {
  title: string;
  version: string;
  networkRules: number;
  sha256: string;
  path: string;
  shipped: boolean;
}

export interface FilterMatch {
  /** "EasyPrivacy 202309050832" */
  list: string;
  rule: string;
}

/** A list this small is not a tracker list (a truncated download, an HTML error page). */
export const MIN_NETWORK_RULES = 1000;
const MAX_LIST_BYTES = 50 * 1024 * 1024;

/** Why a list was refused: `message` in English (logs), `reason` to tell it in the reader's language. */
export class FilterListInvalid extends Error {
  constructor(readonly reason: Reason) {
    super(msg('en', reason.key, reason.vars));
  }
}

function headerValue(text: string, name: string): string | null {
  const m = new RegExp(`^!\\s*${name}\\s*:\\s*(.+)$`, 'im').exec(text.slice(0, 4096));
  return m ? m[1]!.trim().slice(0, 100) : null;
}

/** A list's title and version, from its header. */
function describeHeader(text: string): Pick<FilterListInfo, 'title' | 'version'> {
  return { title: headerValue(text, 'Title') ?? 'filter list', version: headerValue(text, 'Version') ?? headerValue(text, 'Last modified') ?? 'unversioned' };
}

/** The list in use: the one installed at `installedPath`, else the shipped one. */
function listInUse(installedPath: string | undefined): { path: string; shipped: boolean } {
  return installedPath && existsSync(installedPath) ? { path: installedPath, shipped: false } : { path: SHIPPED_FILTER_LIST, shipped: true };
}

// The engine is loaded only when a list is parsed: every command that merely imports the checks
// would otherwise pay for it at start-up.
const adblocker = () => import('@ghostery/adblocker');

/**
 * Parses a list's text into an engine and what it is; rejects with FilterListInvalid (naming
 * what is wrong) anything that is not an Adblock Plus list with enough network rules.
 */
export async function parseFilterList(text: string, path: string, shipped: boolean): Promise<{ engine: FiltersEngine; info: FilterListInfo }> {
  if (text.length > MAX_LIST_BYTES) throw new FilterListInvalid({ key: 'check.filterList.tooLarge', vars: { bytes: text.length, max: MAX_LIST_BYTES } });
  if (!/^\s*\[Adblock Plus[^\]]*\]/i.test(text) && !/^\s*!\s*Title\s*:/im.test(text.slice(0, 4096))) {
    throw new FilterListInvalid({ key: 'check.filterList.noHeader' });
  }
  const { FiltersEngine } = await adblocker();
  // Optimisations merge rules into one; without them each match names the rule as written.
  const engine = FiltersEngine.parse(text, { loadCosmeticFilters: false, loadNetworkFilters: true, enableOptimizations: false, debug: true });
  const networkRules = engine.getFilters().networkFilters.length;
  if (networkRules < MIN_NETWORK_RULES) throw new FilterListInvalid({ key: 'check.filterList.tooFewRules', vars: { rules: networkRules, min: MIN_NETWORK_RULES } });
  return { engine, info: { ...describeHeader(text), networkRules, sha256: createHash('sha256').update(text).digest('hex'), path, shipped } };
}

/** What the list in use is, from its header only (cheap: the versions of a check record it). */
export function filterListInfoOf(installedPath: string | undefined): Pick<FilterListInfo, 'title' | 'version' | 'path' | 'shipped'> {
  const { path, shipped } = listInUse(installedPath);
  return { ...describeHeader(readFileSync(path, 'utf8').slice(0, 4096)), path, shipped };
}

/** "EasyPrivacy@202309050832", as the versions of a check record it. */
export const filterListVersion = (info: Pick<FilterListInfo, 'title' | 'version'>) => `${info.title.replace(/\s+/g, '')}@${info.version}`;

// CDP resource types to the list's request types.
const TYPES: Record<string, string> = {
  document: 'sub_frame', script: 'script', stylesheet: 'stylesheet', image: 'image', font: 'font', media: 'media',
  xhr: 'xhr', fetch: 'fetch', ping: 'ping', websocket: 'websocket', cspviolationreport: 'csp_report', texttrack: 'media',
};

export class FilterList {
  constructor(
    private readonly engine: FiltersEngine,
    private readonly request: typeof import('@ghostery/adblocker').Request,
    readonly info: FilterListInfo,
  ) {}

  /** The rule that blocks a request of `type` (a CDP resource type) to `url` from a document at `sourceUrl`, if any. */
  match(url: string, sourceUrl: string, type: string): FilterMatch | null {
    if (!/^(https?|wss?):/i.test(url)) return null;
    const result = this.engine.match(this.request.fromRawDetails({ url, sourceUrl, type: (TYPES[type.toLowerCase()] ?? 'other') as 'other' }));
    if (!result.match || result.exception || !result.filter) return null;
    return { list: `${this.info.title} ${this.info.version}`, rule: result.filter.toString().slice(0, 300) };
  }
}

const loaded = new Map<string, Promise<FilterList>>();

/** The list in use, parsed once per path and process (about 0.5–2 s for EasyPrivacy): every visit shares it. */
export function filterListFor(installedPath: string | undefined): Promise<FilterList> {
  const { path, shipped } = listInUse(installedPath);
  let list = loaded.get(path);
  if (!list) {
    list = (async () => {
      const { engine, info } = await parseFilterList(readFileSync(path, 'utf8'), path, shipped);
      return new FilterList(engine, (await adblocker()).Request, info);
    })();
    loaded.set(path, list);
    list.catch(() => loaded.delete(path));
  }
  return list;
}

/**
 * Validates a list's text and, only if it is a list, installs it at `path` (written beside it,
 * then renamed over it, so the list in use is never half-written). Returns what was installed.
 */
export async function installFilterList(text: string, path: string): Promise<FilterListInfo> {
  const { info } = await parseFilterList(text, path, false);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  loaded.delete(path);
  return info;
}
