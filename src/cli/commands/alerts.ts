import type { Command } from 'commander';
import { acknowledgeAlert, getAlert, listAlerts, listOutbox, type AlertRecord } from '../../../storage/alerts.ts';
import { channelSecrets } from '../../alerts/channels/index.ts';
import { redact } from '../../alerts/channels/secrets.ts';
import { describeAlert } from '../../alerts/messages.ts';
import { t, type Lang } from '../../i18n.ts';
import { langOf, openContext, type GlobalOptions } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { toCsv } from '../csv.ts';
import { formatInstant } from '../render-uptime.ts';
import { describeCommand, helpText } from './index.ts';
import { outputFormat, withFormat, type FormatOptions } from '../output.ts';

const STATUS = {
  pending: { vi: 'chờ xác nhận', en: 'pending' },
  open: { vi: 'đang mở', en: 'open' },
  resolved: { vi: 'đã khắc phục', en: 'resolved' },
} as const;

const ALERT_SEVERITY: Record<AlertRecord['severity'], { vi: string; en: string }> = {
  info: { vi: 'thông tin', en: 'info' },
  warning: { vi: 'cảnh báo', en: 'warning' },
  critical: { vi: 'nghiêm trọng', en: 'critical' },
};

function renderAlert(a: AlertRecord, lang: Lang): string {
  const ack = a.acknowledgedAt ? t(lang, ', đã tiếp nhận', ', acknowledged') : '';
  const silenced = a.silencedReason ? t(lang, `, tạm im lặng: ${a.silencedReason}`, `, silenced: ${a.silencedReason}`) : '';
  return `#${a.id} [${ALERT_SEVERITY[a.severity][lang]}] ${STATUS[a.status][lang]}${ack}${silenced} — ${a.rule} ${a.subject}\n    ${describeAlert(a.rule, a.facts, lang)}\n    ${t(lang, 'mở', 'opened')} ${formatInstant(a.openedAt, lang)}${a.resolvedAt ? `, ${t(lang, 'khắc phục', 'resolved')} ${formatInstant(a.resolvedAt, lang)}` : ''}`;
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
          const lines = [t(lang, `${rows.length} cảnh báo`, `${rows.length} alerts`), ...rows.map((a) => renderAlert(a, lang))];
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
          process.stderr.write(t(lang, `Cảnh báo #${number} đã được tiếp nhận hoặc đã khắc phục.\n`, `Alert #${number} is already acknowledged or resolved.\n`));
          process.exitCode = EXIT.jobFailed;
          return;
        }
        process.stdout.write(t(lang, `Đã tiếp nhận cảnh báo #${number}: không nhắc lại nữa.\n`, `Alert #${number} acknowledged: no more reminders.\n`));
      } finally {
        db.close();
      }
    });
}
