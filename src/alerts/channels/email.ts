// E-mail over SMTP (nodemailer). The Message-ID is derived from the idempotency key, so a
// mail sent twice after a crash is recognisably the same mail.
import nodemailer from 'nodemailer';
import type { ChannelConfig } from '../../config/schema.ts';
import { msg } from '../../messages/index.ts';
import { ChannelError, secretFrom, type ChannelDeps, type Delivery } from './common.ts';
import { defang, escapeHtml } from './escape.ts';

type EmailChannel = Extract<ChannelConfig, { kind: 'email' }>;

export async function sendEmail(channel: EmailChannel, d: Delivery, deps: ChannelDeps): Promise<void> {
  const user = channel.userEnv ? secretFrom(deps.env, channel.id, 'userEnv', channel.userEnv) : undefined;
  const pass = channel.passwordEnv ? secretFrom(deps.env, channel.id, 'passwordEnv', channel.passwordEnv) : undefined;
  // A password never crosses the network in clear: with credentials, STARTTLS is required unless the channel says insecure.
  const requireTLS = user !== undefined && !channel.secure && !channel.insecure;
  const transport = nodemailer.createTransport({
    host: channel.host, port: channel.port, secure: channel.secure, requireTLS,
    auth: user ? { user, pass } : undefined,
    connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000,
  });
  const m = d.message;
  try {
    await transport.sendMail({
      from: channel.from, to: channel.to, subject: m.title,
      messageId: `<${d.idempotencyKey}@dvc-monitor>`,
      headers: { 'X-DVC-Idempotency-Key': d.idempotencyKey },
      text: `${defang(m.text)}\n\n${msg(m.lang, 'alert.channel.evidence')}: ${m.link}\n`,
      html: `<p>${escapeHtml(defang(m.text))}</p><p><a href="${escapeHtml(m.link)}">${msg(m.lang, 'alert.channel.viewEvidence')}</a></p>`,
    });
  } catch (err) {
    const code = (err as { responseCode?: number }).responseCode;
    if (requireTLS && /STARTTLS|TLS/i.test(`${(err as { code?: string }).code ?? ''} ${(err as Error).message}`)) {
      throw new ChannelError(`SMTP: ${channel.host}:${channel.port} offers no working STARTTLS, and channel ${channel.id} logs in: its password must not cross the network in clear, so nothing was sent (${(err as Error).message}). `
        + 'Fix: enable STARTTLS on the relay, or use secure: true (SMTPS, port 465); only for a relay on a trusted network, set insecure: true on the channel', false);
    }
    // 5xx SMTP replies are permanent refusals; everything else (connection, 4xx) may pass later.
    throw new ChannelError(`SMTP: ${(err as Error).message}`, !(code !== undefined && code >= 500));
  } finally {
    transport.close();
  }
}
