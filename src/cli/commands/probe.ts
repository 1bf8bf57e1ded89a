import type { Command } from 'commander';
import { openStore } from '../../../storage/db.ts';
import { loadConfig } from '../../config/load.ts';
import { msg } from '../../messages/index.ts';
import { endpointName } from '../../uptime/endpoints.ts';
import { startMonitor, type Monitor } from '../../uptime/monitor.ts';
import type { RoundRecord } from '../../../storage/uptime.ts';
import { isStoreBusy } from '../../uptime/recorder.ts';
import { configPath, langOf, loggerOf, storePath, type GlobalOptions } from '../context.ts';
import { EXIT } from '../errors.ts';
import { formatInstant, reasonLabel, stateLabel } from '../render-uptime.ts';
import type { DisplayState } from '../../uptime/reach.ts';
import { describeCommand, helpText } from './index.ts';

/**
 * The prober's store connection waits at most this long for another writer. better-sqlite3
 * waits synchronously, so a long wait would freeze every probe in flight; a short one keeps
 * the freeze small (and the probes it touched UNKNOWN), and results wait in memory instead.
 */
const PROBER_BUSY_TIMEOUT_MS = 1000;

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description(describeCommand('probe'))
    .option('--once', helpText('cli.probe.once'))
    .action(async (opts: { once?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const log = loggerOf(globals, Boolean(process.stderr.isTTY));
      const loaded = loadConfig(configPath(globals));
      const db = openStore(storePath(globals, loaded), { busyTimeoutMs: PROBER_BUSY_TIMEOUT_MS });
      const onRound = (name: string, r: RoundRecord) => {
        const tr = r.transition;
        if (!tr || opts.once) return;
        const why = tr.reason ? ` (${reasonLabel(tr.reason, lang)})` : '';
        process.stdout.write(`${formatInstant(tr.at, lang)} ${name}: ${stateLabel(tr.from, lang)} → ${stateLabel(tr.to, lang)}${why}\n`);
      };
      let monitor: Monitor;
      try {
        monitor = startMonitor({ db, loaded, log, once: opts.once ?? false, onRound });
      } catch (err) {
        db.close();
        if (!isStoreBusy(err)) throw err;
        process.stderr.write(msg(lang, 'cli.probe.locked', { store: db.name }));
        process.exitCode = EXIT.busy;
        return;
      }
      const stop = () => void monitor.stop();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      const portals = new Set(monitor.endpoints.map((e) => e.portalId)).size;
      if (!opts.once) {
        process.stdout.write(msg(lang, 'cli.probe.started', { endpoints: monitor.endpoints.length, portals }));
      }
      try {
        await monitor.done;
        if (opts.once) {
          await monitor.stop();
          const states = new Map<string, { state: DisplayState; reason: string | null }>();
          for (const e of monitor.endpoints) states.set(endpointName(e), { state: 'unknown', reason: null });
          for (const r of monitor.lastRounds()) states.set(r.name, { state: r.round.probe.state, reason: r.round.probe.reason });
          for (const [name, s] of states) {
            process.stdout.write(`${name}: ${stateLabel(s.state, lang)}${s.reason ? ` (${reasonLabel(s.reason, lang)})` : ''}\n`);
          }
        } else {
          process.stdout.write(msg(lang, 'cli.probe.stopped'));
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        db.close();
      }
    });
}
