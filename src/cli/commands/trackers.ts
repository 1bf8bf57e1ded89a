// `dvc-monitor trackers`: which tracker lists the checks use; `trackers update --from FILE|URL`
// installs a newer filter list (Adblock Plus syntax, e.g. EasyPrivacy) where the configuration
// says (checks.filterList), only once it parsed as a tracker list: a broken download leaves
// the list in use as it was.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfig } from '../../config/load.ts';
import { filterListInfoOf, FilterListInvalid, installFilterList } from '../../checks/evidence/filter-list.ts';
import { TRACKER_LIST_VERSION } from '../../checks/evidence/third-parties.ts';
import { msg, msgBoth } from '../../messages/index.ts';
import { configPath, langOf, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';
import { describeCommand, helpText } from './index.ts';

const DOWNLOAD_TIMEOUT_MS = 60_000;
const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;

function installedPath(globals: GlobalOptions): string {
  const path = loadConfig(configPath(globals)).config.checks?.filterList ?? 'data/trackers/filter-list.txt';
  return isAbsolute(path) ? path : resolve(path);
}

async function download(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
  } catch (err) {
    throw new UsageError('error.trackers.download', { url, reason: (err as Error).message });
  }
  if (!response.ok) throw new UsageError('error.trackers.http', { url, status: response.status });
  const size = Number(response.headers.get('content-length') ?? 0);
  if (size > MAX_DOWNLOAD_BYTES) throw new UsageError('error.trackers.tooLarge', { url, size, max: MAX_DOWNLOAD_BYTES });
  const text = await response.text();
  if (text.length > MAX_DOWNLOAD_BYTES) throw new UsageError('error.trackers.sentTooMuch', { url, max: MAX_DOWNLOAD_BYTES });
  return text;
}

export function registerTrackers(program: Command): void {
  const trackers = program
    .command('trackers')
    .description(describeCommand('trackers'))
    .action((_opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const info = filterListInfoOf(installedPath(globals));
      process.stdout.write([
        msg(lang, 'cli.trackers.entities', { version: TRACKER_LIST_VERSION }),
        msg(lang, 'cli.trackers.filterList', { title: info.title, version: info.version, origin: msg(lang, info.shipped ? 'cli.trackers.shipped' : 'cli.trackers.installedCopy'), path: info.path }),
      ].join('\n') + '\n');
    });

  trackers
    .command('update')
    .description(helpText('cli.trackers.update'))
    .requiredOption('--from <file-or-url>', helpText('cli.trackers.from'))
    .action(async (opts: { from: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const target = installedPath(globals);
      let text: string;
      if (/^https?:\/\//i.test(opts.from)) text = await download(opts.from);
      else {
        try {
          text = readFileSync(opts.from, 'utf8');
        } catch (err) {
          throw new UsageError('error.trackers.unreadable', { value: opts.from, reason: (err as NodeJS.ErrnoException).code ?? (err as Error).message });
        }
      }
      try {
        const info = await installFilterList(text, target);
        process.stdout.write(msg(lang, 'cli.trackers.installed', { title: info.title, version: info.version, count: info.networkRules, sha: info.sha256.slice(0, 12), target }));
      } catch (err) {
        if (!(err instanceof FilterListInvalid)) throw err;
        const inUse = filterListInfoOf(target);
        throw new UsageError('error.trackers.notList', { value: opts.from, reason: msgBoth(err.reason.key, err.reason.vars), inUse: `${inUse.title} ${inUse.version}` });
      }
    });
}
