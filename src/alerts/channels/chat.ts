// Chat services: Slack- and Microsoft Teams-compatible incoming webhooks, and the Telegram
// bot API. Text from portals is escaped for each service's markup.
import type { ChannelConfig } from '../../config/schema.ts';
import { ChannelError, escapeHtml, postJson, secretFrom, type ChannelDeps, type Delivery } from './common.ts';

const slackEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export async function sendSlack(channel: Extract<ChannelConfig, { kind: 'slack' }>, d: Delivery, deps: ChannelDeps): Promise<void> {
  const url = channel.url ?? secretFrom(deps.env, channel.id, 'urlEnv', channel.urlEnv!);
  const m = d.message;
  await postJson(deps.http, url, {
    text: `${m.title}: ${m.text}`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150) } },
      { type: 'section', text: { type: 'mrkdwn', text: slackEscape(m.text) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${m.link}|${m.lang === 'vi' ? 'Xem bằng chứng' : 'View evidence'}> · ${d.idempotencyKey}` }] },
    ],
  });
}

export async function sendTeams(channel: Extract<ChannelConfig, { kind: 'teams' }>, d: Delivery, deps: ChannelDeps): Promise<void> {
  const url = channel.url ?? secretFrom(deps.env, channel.id, 'urlEnv', channel.urlEnv!);
  const m = d.message;
  await postJson(deps.http, url, {
    '@type': 'MessageCard', '@context': 'https://schema.org/extensions',
    summary: m.title, title: escapeHtml(m.title), text: escapeHtml(m.text),
    themeColor: m.event === 'resolved' ? '2E7D32' : m.severity === 'critical' ? 'C62828' : 'F9A825',
    potentialAction: [{ '@type': 'OpenUri', name: m.lang === 'vi' ? 'Xem bằng chứng' : 'View evidence', targets: [{ os: 'default', uri: m.link }] }],
  }, { 'x-dvc-idempotency-key': d.idempotencyKey });
}

export async function sendTelegram(channel: Extract<ChannelConfig, { kind: 'telegram' }>, d: Delivery, deps: ChannelDeps): Promise<void> {
  const token = secretFrom(deps.env, channel.id, 'tokenEnv', channel.tokenEnv);
  const m = d.message;
  const answer = await postJson(deps.http, `${channel.baseUrl.replace(/\/$/, '')}/bot${token}/sendMessage`, {
    chat_id: channel.chatId,
    parse_mode: 'HTML',
    disable_web_page_preview: true,
    text: `<b>${escapeHtml(m.title)}</b>\n${escapeHtml(m.text)}\n<a href="${escapeHtml(m.link)}">${m.lang === 'vi' ? 'Xem bằng chứng' : 'View evidence'}</a>`,
  });
  // The bot API answers 200 with {"ok": false} for some refusals.
  try {
    const parsed = JSON.parse(answer) as { ok?: boolean; description?: string };
    if (parsed.ok === false) throw new ChannelError(`Telegram refused the message: ${parsed.description ?? ''}`, false);
  } catch (err) {
    if (err instanceof ChannelError) throw err;
  }
}
