// Module loader hooks (module.register) for the Observatory's test files: what they import from
// their own package is mapped to ours. Their analyzers become our adapters, chai and their
// helpers our shims; their src/types.js (result names, data classes) loads as it is, its one
// import (the HTTP session, axios-based) mapped to a shim. Anything else they import is an
// error that names it, so a new version of their tests cannot silently run their code.

interface Mapping {
  /** file URL of the unpacked package folder, ending in a slash. */
  packageUrl: string;
  adapters: string;
  chai: string;
  shims: string;
}

type Next = (specifier: string, context: { parentURL?: string }) => Promise<unknown>;

let map: Mapping | undefined;

export async function initialize(data: Mapping): Promise<void> {
  map = data;
}

export async function resolve(specifier: string, context: { parentURL?: string }, next: Next): Promise<unknown> {
  const parent = context.parentURL ?? '';
  if (!map || !parent.startsWith(map.packageUrl)) return next(specifier, context);
  const from = parent.slice(map.packageUrl.length);
  const to = (url: string) => next(url, context);
  if (from.startsWith('test/')) {
    if (specifier === 'chai') return to(map.chai);
    if (specifier === './helpers.js' || specifier === 'tough-cookie') return to(map.shims);
    if (/^\.\.\/src\/analyzer\/tests\/[a-z-]+\.js$/.test(specifier)) return to(map.adapters);
    if (specifier === '../src/types.js') return next(specifier, context);
  }
  if (from === 'src/types.js' && specifier === './retriever/session.js') return to(map.shims);
  throw new Error(`${from} imports ${specifier}, which the benchmark does not map (scripts/bench/privacy/observatory/hooks.ts)`);
}
