import type { Command } from 'commander';
import { acknowledgeAlert, getAlert, listAlerts, listOutbox, type AlertRecord } from '../../../storage/alerts.ts';
import { channelSecrets } from '../../alerts/channels/index.ts';
import { redact } from '../../alerts/channels/secrets.ts';
import { describeAlert } from '../../alerts/messages.ts';
import type { Lang } from '../../i18n.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { toCsv } from '../csv.ts';
import { formatInstant } from '../render-uptime.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

const STATUS = {
  pending: 'cli.alerts.status.pending',
  open: 'cli.alerts.status.open',
  resolved: 'cli.alerts.status.resolved',
} as const satisfies Record<AlertRecord['status'], MessageKey>;

const ALERT_SEVERITY = {
  info: 'cli.alerts.severity.info',
  warning: 'cli.alerts.severity.warning',
  critical: 'cli.alerts.severity.critical',
} as const satisfies Record<AlertRecord['severity'], MessageKey>;

function renderAlert(a: AlertRecord, lang: Lang): string {
  const ack = a.acknowledgedAt ? msg(lang, 'cli.alerts.acknowledged') : '';
  const silenced = a.silencedReason ? msg(lang, 'cli.alerts.silenced', { reason: a.silencedReason }) : '';
  const resolved = a.resolvedAt ? msg(lang, 'cli.alerts.resolvedAt', { at: formatInstant(a.resolvedAt, lang) }) : '';
  return `#${a.id} [${msg(lang, ALERT_SEVERITY[a.severity])}] ${msg(lang, STATUS[a.status])}${ack}${silenced} — ${a.rule} ${a.subject}\n    ${describeAlert(a.rule, a.facts, lang)}\n    ${msg(lang, 'cli.alerts.opened', { at: formatInstant(a.openedAt, lang) })}${resolved}`;
}

export function registerAlerts(program: Command): void {
  const alerts = withFormat(program
    .command('alerts')
    .description(describeCommand('alerts')), ['table', 'json', 'csv'])
    .option('--open', helpText('cli.alerts.open'))
    .action((opts: FormatOptions & { open?: boolean }, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const format = outputFormat(opts, ['table', 'json', 'csv']);
      const lang = langOf(globals);
      const { db, loaded } = openContext(globals, { reads: 'alerts' });
      try {
        const rows = listAlerts(db, { activeOnly: opts.open });
        if (format === 'json') {
          // A failure stored by an earlier version may still quote a secret: redacted here too.
          const secretsOf = new Map(loaded.config.channels.map((c) => [c.id, channelSecrets(c, process.env)]));
          const shown = (n: { channelId: string; lastError: string | null }) => ({ ...n, lastError: n.lastError === null ? null : redact(n.lastError, secretsOf.get(n.channelId) ?? []) });
          process.stdout.write(`${JSON.stringify(rows.map((a) => ({ ...a, notifications: listOutbox(db, { alertId: a.id }).map(({ payload: _p, ...n }) => shown(n)) })), null, 2)}\n`);
        } else if (format === 'csv') {
          process.stdout.write(toCsv(['id', 'severity', 'status', 'acknowledged_at', 'rule', 'subject', 'message', 'opened_at', 'resolved_at'],
            rows.map((a) => [a.id, a.severity, a.status, a.acknowledgedAt, a.rule, a.subject, describeAlert(a.rule, a.facts, lang), a.openedAt, a.resolvedAt])));
        } else {
          const lines = [msg(lang, 'cli.alerts.count', { count: rows.length }), ...rows.map((a) => renderAlert(a, lang))];
          process.stdout.write(`${lines.join('\n')}\n`);
        }
      } finally {
        db.close();
      }
    });
  alerts
    .command('ack <id>')
    .description(helpText('cli.alerts.ack'))
    .action((id: string, _opts: unknown, cmd: Command) => {
      const globals = cmd.optsWithGlobals<GlobalOptions>();
      const lang = langOf(globals);
      const number = Number(id);
      if (!Number.isInteger(number) || number < 1) throw new UsageError('error.alerts.id', { value: id });
      const { db } = openContext(globals, { reads: 'alerts' });
      try {
        const alert = getAlert(db, number);
        if (!alert) throw new UsageError('error.alerts.none', { value: number });
        if (!acknowledgeAlert(db, number, new Date())) {
          process.stderr.write(msg(lang, 'cli.alerts.alreadyAcknowledged', { id: number }));
          process.exitCode = EXIT.jobFailed;
          return;
        }
        process.stdout.write(msg(lang, 'cli.alerts.acknowledgedNow', { id: number }));
      } finally {
        db.close();
      }
    });
}
