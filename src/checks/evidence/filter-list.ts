// Trackers by filter list: a list in Adblock Plus syntax (EasyPrivacy by default), evaluated by
// @ghostery/adblocker from the list's text. Only network rules count (cosmetic ones hide page
// parts, which says nothing of tracking). The product ships EasyPrivacy 2023-09 as the offline
// default (reference/trackers/); an operator installs a newer list with `dvc-monitor trackers
// update`, which validates it before it replaces the one in use. Every request finding names the
// list, its version and the rule that matched.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FiltersEngine, Request } from '@ghostery/adblocker';

export const SHIPPED_FILTER_LIST = fileURLToPath(new URL('../../../reference/trackers/easyprivacy-202309050832.txt', import.meta.url));

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

export class FilterListInvalid extends Error {}

function headerValue(text: string, name: string): string | null {
  const m = new RegExp(`^!\\s*${name}\\s*:\\s*(.+)$`, 'im').exec(text.slice(0, 4096));
  return m ? m[1]!.trim().slice(0, 100) : null;
}

/**
 * Parses a list's text into an engine and what it is; throws FilterListInvalid (naming what is
 * wrong) for anything that is not an Adblock Plus list with enough network rules.
 */
export function parseFilterList(text: string, path: string, shipped: boolean): { engine: FiltersEngine; info: FilterListInfo } {
  if (text.length > MAX_LIST_BYTES) throw new FilterListInvalid(`the list is ${text.length} bytes, over ${MAX_LIST_BYTES}`);
  if (!/^\s*\[Adblock Plus[^\]]*\]/i.test(text) && !/^\s*!\s*Title\s*:/im.test(text.slice(0, 4096))) {
    throw new FilterListInvalid('it does not start with an Adblock Plus header ("[Adblock Plus 2.0]" or "! Title: …")');
  }
  // Optimisations merge rules into one; without them each match names the rule as written.
  const engine = FiltersEngine.parse(text, { loadCosmeticFilters: false, loadNetworkFilters: true, enableOptimizations: false, debug: true });
  const networkRules = engine.getFilters().networkFilters.length;
  if (networkRules < MIN_NETWORK_RULES) throw new FilterListInvalid(`it has ${networkRules} network rules; a tracker list has at least ${MIN_NETWORK_RULES}`);
  const info: FilterListInfo = {
    title: headerValue(text, 'Title') ?? 'filter list',
    version: headerValue(text, 'Version') ?? headerValue(text, 'Last modified') ?? 'unversioned',
    networkRules, sha256: createHash('sha256').update(text).digest('hex'), path, shipped,
  };
  return { engine, info };
}

/** The list in use: the one installed at `installedPath`, else the shipped one. Its header only (cheap). */
export function filterListInfoOf(installedPath: string | undefined): Pick<FilterListInfo, 'title' | 'version' | 'path' | 'shipped'> {
  const path = installedPath && existsSync(installedPath) ? installedPath : SHIPPED_FILTER_LIST;
  const head = readFileSync(path, 'utf8').slice(0, 4096);
  return { title: headerValue(head, 'Title') ?? 'filter list', version: headerValue(head, 'Version') ?? headerValue(head, 'Last modified') ?? 'unversioned', path, shipped: path === SHIPPED_FILTER_LIST };
}

/** "EasyPrivacy@202309050832", as the versions of a check record it. */
export const filterListVersion = (info: Pick<FilterListInfo, 'title' | 'version'>) => `${info.title.replace(/\s+/g, '')}@${info.version}`;

// CDP resource types to the list's request types.
const TYPES: Record<string, string> = {
  document: 'sub_frame', script: 'script', stylesheet: 'stylesheet', image: 'image', font: 'font', media: 'media',
  xhr: 'xhr', fetch: 'fetch', ping: 'ping', websocket: 'websocket', cspviolationreport: 'csp_report', texttrack: 'media',
};

export class FilterList {
  private constructor(private readonly engine: FiltersEngine, readonly info: FilterListInfo) {}

  /** Loads (and parses: about 2 s for EasyPrivacy) the list in use. */
  static load(installedPath: string | undefined): FilterList {
    const path = installedPath && existsSync(installedPath) ? installedPath : SHIPPED_FILTER_LIST;
    const { engine, info } = parseFilterList(readFileSync(path, 'utf8'), path, path === SHIPPED_FILTER_LIST);
    return new FilterList(engine, info);
  }

  /** The rule that blocks a request of `type` (a CDP resource type) to `url` from a document at `sourceUrl`, if any. */
  match(url: string, sourceUrl: string, type: string): FilterMatch | null {
    if (!/^(https?|wss?):/i.test(url)) return null;
    const result = this.engine.match(Request.fromRawDetails({ url, sourceUrl, type: (TYPES[type.toLowerCase()] ?? 'other') as 'other' }));
    if (!result.match || result.exception || !result.filter) return null;
    return { list: `${this.info.title} ${this.info.version}`, rule: result.filter.toString().slice(0, 300) };
  }
}

const loaded = new Map<string, FilterList>();

/** One parsed list per path and process: the engine is shared by every visit. */
export function filterListFor(installedPath: string | undefined): FilterList {
  const key = installedPath && existsSync(installedPath) ? installedPath : SHIPPED_FILTER_LIST;
  let list = loaded.get(key);
  if (!list) loaded.set(key, (list = FilterList.load(installedPath)));
  return list;
}

/**
 * Validates a list's text and, only if it is a list, installs it at `path` (written beside it,
 * then renamed over it, so the list in use is never half-written). Returns what was installed.
 */
export function installFilterList(text: string, path: string): FilterListInfo {
  const { info } = parseFilterList(text, path, false);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
  loaded.delete(path);
  return info;
}
