import type { Command } from 'commander';
import { IGATE_SANDBOX_SECRET } from '../../../scripts/sandbox/igate.ts';
import { startSandbox } from '../../../scripts/sandbox/server.ts';
import { addMonths, currentMonth } from '../../time/period.ts';
import { MERGER_DATE } from '../../registry/agencies.ts';
import { langOf, loggerOf, openContext, type GlobalOptions } from '../context.ts';
import { EXIT } from '../errors.ts';
import { renderAlertOutcome, renderNationalSummary, renderRunSummary } from '../render.ts';
import { alertsAfterRun } from '../../alerts/after-run.ts';
import { renderLatestScores } from '../render-check.ts';
import { latestScorecard } from '../../../storage/check-report.ts';
import { checkedPortals } from '../../../storage/checks.ts';
import { measure } from './run.ts';
import { lastCompleteMonth } from '../periods.ts';
import { summaryFromStore } from '../../kpi/from-store.ts';
import { evaluateAlerts, UPTIME_RULES } from '../../alerts/evaluate.ts';
import { startMonitor } from '../../uptime/monitor.ts';
import { refreshRollups } from '../../../storage/uptime.ts';
import type { Sandbox } from '../../../scripts/sandbox/server.ts';
import type { Db } from '../../../storage/db.ts';
import type { LoadedConfig } from '../../config/load.ts';
import type { Logger } from '../../log.ts';
import { msg } from '../../messages/index.ts';
import { describeCommand, helpText } from './index.ts';

/** The endpoint the demo takes down for a moment: one incident, opened and closed, on the portal pages. */
export const DEMO_OUTAGE = { portalId: 'dvc-hanoi', endpoint: 'status', route: 'status' as const };

/** Every endpoint probed once, like `dvc-monitor probe --once`; the uptime alert rules judged after. */
async function probeOnce(db: Db, loaded: LoadedConfig, log: Logger): Promise<void> {
  const monitor = startMonitor({ db, loaded, log, once: true });
  await monitor.done;
  await monitor.stop();
  evaluateAlerts(db, loaded, { now: new Date(), log, rules: UPTIME_RULES });
}

/**
 * Probes for the dashboard and the status page: a round of every endpoint, a round with the Hà
 * Nội status endpoint answering 503 (an incident opens, portal.down fires), and a round after it
 * recovered (the incident closes, the alert resolves).
 */
async function demoProbes(db: Db, loaded: LoadedConfig, log: Logger, sandbox: Sandbox): Promise<void> {
  await probeOnce(db, loaded, log);
  sandbox.setFault(DEMO_OUTAGE.route, { mode: 'http_5xx', status: 503 });
  try {
    await probeOnce(db, loaded, log);
  } finally {
    sandbox.setFault(DEMO_OUTAGE.route, null);
  }
  await probeOnce(db, loaded, log);
  refreshRollups(db);
}

/** Months the demo collects: enough to span the 2025-07-01 merger and show two years. */
export const DEMO_MONTHS = 26;

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(describeCommand('demo'))
    .option('--port <port>', helpText('cli.demo.port'), '0')
    .option('--seed <n>', helpText('cli.demo.seed'), '2026')
    .action(async (opts: { port: string; seed: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      // The demo prints its own story; logs only speak up for warnings unless asked.
      const log = loggerOf({ ...globals, logLevel: globals.logLevel ?? 'warn' }, Boolean(process.stderr.isTTY));
      const sandbox = await startSandbox({ port: Number(opts.port), seed: Number(opts.seed) });
      // config/sandbox.yaml points at ${SANDBOX_URL}: the demo's sandbox, wherever it listens.
      process.env.SANDBOX_URL = sandbox.url;
      // ...and its iGate-style platform's client secret, unless the user set one to try.
      process.env.IGATE_SANDBOX_CLIENT_SECRET ||= IGATE_SANDBOX_SECRET;
      process.env.SANDBOX_PORT = String(sandbox.port);
      process.stdout.write(msg(lang, 'cli.demo.sandbox', { url: sandbox.url }));
      try {
        const { loaded, db } = openContext(globals);
        try {
          const now = new Date();
          const periods = Array.from({ length: DEMO_MONTHS }, (_, i) => addMonths(currentMonth(now), i - DEMO_MONTHS + 1));
          const run = await measure({ db, loaded, periods, log, trigger: 'demo', lang });
          const alerts = await alertsAfterRun(db, loaded, log);
          process.stdout.write(`${renderRunSummary(run, lang)}\n${renderAlertOutcome(alerts, lang)}\n\n`);
          process.stdout.write(`${renderNationalSummary(summaryFromStore(db, loaded, lastCompleteMonth(now), now), lang)}\n\n`);
          // The demo tells the story itself: the prober's warnings (a state change, a short notice) stay out of it.
          await demoProbes(db, loaded, log.child({}, { level: globals.logLevel ?? 'error' }), sandbox);
          process.stdout.write(msg(lang, 'cli.demo.probed', { portal: DEMO_OUTAGE.portalId, endpoint: DEMO_OUTAGE.endpoint }));
          const scores = checkedPortals(db).map((portalId) => ({ portalId, areas: latestScorecard(db, portalId)?.areas ?? [] }));
          if (scores.length) process.stdout.write(`${renderLatestScores(scores, lang)}\n\n`);
          const beforeMerger = addMonths(MERGER_DATE.slice(0, 7), -1);
          process.stdout.write(msg(lang, 'cli.demo.next', { store: db.name, merger: MERGER_DATE, beforeMerger }));
          process.exitCode = run.status === 'succeeded' ? EXIT.ok : EXIT.jobFailed;
        } finally {
          db.close();
        }
      } finally {
        await sandbox.close();
      }
    });
}
