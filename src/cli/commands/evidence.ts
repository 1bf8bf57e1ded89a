// `dvc-monitor evidence`: the trail behind a figure. With an agency, a metric and a period it
// traces the stored value to its payload; with a SHA-256 (printed by `check`) it writes that
// stored evidence body (page evidence, DOM, screenshot, axe results, a payload). Either way
// the body's hash is re-checked first.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { getMeasure } from '../../../storage/measures.ts';
import { getSnapshot, readBody } from '../../../storage/evidence.ts';
import { openFlags } from '../../../storage/quality.ts';
import { listQuarantine } from '../../../storage/quarantine.ts';
import { describeBreach, type Facts } from '../../quality/plausibility.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { excerptAt } from '../../normalise/locate.ts';
import { describeCommand, helpText } from './index.ts';
import { msg } from '../../messages/index.ts';
import { flagKindTitle } from '../../quality/flag-kinds.ts';
import { quarantineStatusTitle } from './quality.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';
import { endReasonText } from '../../quality/quarantine.ts';
import { flagDetail } from '../../quality/flag-detail.ts';
import { localTimeText } from '../../report/local-time.ts';

export function registerEvidence(program: Command): void {
  withFormat(program
    .command('evidence')
    .description(describeCommand('evidence')), ['table', 'json'])
    .argument('<agency-or-sha256>', helpText('cli.evidence.first'))
    .argument('[metric]', helpText('cli.evidence.metric'))
    .argument('[period]', helpText('cli.evidence.period'))
    .option('--out <file>', helpText('cli.evidence.out'))
    .action((agency: string, metric: string | undefined, period: string | undefined, opts: FormatOptions & { out?: string }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const format = outputFormat(opts, ['table', 'json']);
      const lang = langOf(globals);
      if (metric === undefined && period === undefined) return writeBody(agency, opts.out, globals);
      if (metric === undefined || period === undefined) {
        throw new UsageError('error.evidence.arguments');
      }
      const { db } = openContext(globals, { reads: 'checks' });
      try {
        const measure = getMeasure(db, agency, metric, period);
        if (!measure) {
          throw new UsageError('error.evidence.noValue', { agency, metric, period });
        }
        const snapshot = measure.snapshotId === null ? undefined : getSnapshot(db, measure.snapshotId);
        const stored = snapshot ? readBody(db, snapshot.sha256) : undefined;
        const excerpt = stored && measure.locator ? excerptAt(stored.body, measure.locator) : null;
        const flags = openFlags(db, { period, agencyCode: agency, metric });
        const quarantine = listQuarantine(db, { periods: [period], agencyCode: agency, metric, all: true });
        const intact = stored?.intact ?? null;
        if (format === 'json') {
          process.stdout.write(`${JSON.stringify({ measure, snapshot, bodyIntact: intact, excerpt, flags, quarantine }, null, 2)}\n`);
        } else {
          const lines = [
            `${agency} ${metric} ${period}: ${measure.value === null ? msg(lang, 'cli.evidence.missingValue', { reason: String(measure.nullReason) }) : measure.value}`,
            msg(lang, 'cli.evidence.updated', { at: localTimeText(measure.updatedAt), runId: String(measure.runId), sourceId: String(measure.sourceId) }),
          ];
          if (snapshot) {
            lines.push(
              msg(lang, 'cli.evidence.snapshot', { id: snapshot.id }),
              `    ${snapshot.method} ${snapshot.url}`,
              msg(lang, 'cli.evidence.fetched', { at: localTimeText(snapshot.fetchedAt), status: String(snapshot.status), contentType: snapshot.contentType ?? '' }),
              `    SHA-256: ${snapshot.sha256} — ${msg(lang, intact ? 'cli.evidence.intact' : 'cli.evidence.altered')}`,
            );
            if (snapshot.request.body) lines.push(msg(lang, 'cli.evidence.request', { body: decodeRequestBody(snapshot.request.body) }));
            if (measure.locator) lines.push(msg(lang, 'cli.evidence.location', { locator: measure.locator }));
            if (excerpt) lines.push(msg(lang, 'cli.evidence.excerpt'), ...excerpt.split('\n').map((l) => `      ${l}`));
          } else {
            lines.push(msg(lang, 'cli.evidence.noSnapshot'));
          }
          for (const q of quarantine) {
            const why = describeBreach(q as typeof q & { facts: Facts }, lang);
            lines.push(q.status === 'quarantined'
              ? msg(lang, 'cli.evidence.quarantined', { at: localTimeText(q.quarantinedAt), why })
              : msg(lang, 'cli.evidence.wasQuarantined', {
                value: String(q.value), why, status: quarantineStatusTitle(q.status, lang), endedAt: (q.endedAt ? localTimeText(q.endedAt) : '—'),
                by: q.endedBy ? msg(lang, 'cli.evidence.endedBy', { by: q.endedBy }) : '', reason: q.endReason ? endReasonText(q.endReason, lang) : '',
              }));
          }
          for (const f of flags) lines.push(msg(lang, 'cli.evidence.flag', { kind: flagKindTitle(f.kind, lang), detail: flagDetail(f.detail, lang) }));
          process.stdout.write(`${lines.join('\n')}\n`);
        }
        if (intact === false) process.exitCode = EXIT.jobFailed;
      } finally {
        db.close();
      }
    });
}

/** Form bodies (params=<JSON>) are shown decoded; anything else as stored, bounded. */
function decodeRequestBody(body: string): string {
  try {
    const params = new URLSearchParams(body);
    const json = params.get('params');
    if (json) return `params=${json}`;
  } catch {
    // not a form body
  }
  return body.length > 500 ? `${body.slice(0, 500)}…` : body;
}

/** A stored evidence body by its hash, after re-checking it. */
function writeBody(hash: string, out: string | undefined, globals: GlobalOptions): void {
  const sha = hash.replace(/^sha256:/, '').toLowerCase();
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new UsageError('error.evidence.notSha', { value: hash });
  const { db } = openContext(globals, { reads: 'checks' });
  try {
    const stored = readBody(db, sha);
    if (!stored) throw new UsageError('error.evidence.missing', { sha, store: db.name });
    if (!stored.intact) {
      process.stderr.write(`${msg(langOf(globals), 'error.evidence.altered', { sha })}\n`);
      process.exitCode = EXIT.jobFailed;
      return;
    }
    if (out) writeFileSync(out, stored.body);
    else process.stdout.write(stored.body);
  } finally {
    db.close();
  }
}
