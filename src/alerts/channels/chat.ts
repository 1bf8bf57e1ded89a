// Chat services: Slack-compatible incoming webhooks and the Telegram bot API (Teams and Zalo have
// files of their own). Text that came from portals is shown as text in each service's own syntax
// (escape.ts): Slack gets it as plain_text, Telegram as escaped HTML, with addresses defanged;
// only our own link to the evidence is live.
import type { ChannelConfig } from '../../config/schema.ts';
import { msg } from '../../messages/index.ts';
import { ChannelError, postJson, secretFrom, type ChannelDeps, type Delivery } from './common.ts';
import { defang, escapeHtml, escapeSlack } from './escape.ts';

/** Slack's limit for a plain_text section. */
const SLACK_SECTION_MAX = 3000;

export async function sendSlack(channel: Extract<ChannelConfig, { kind: 'slack' }>, d: Delivery, deps: ChannelDeps): Promise<void> {
  const url = channel.url ?? secretFrom(deps.env, channel.id, 'urlEnv', channel.urlEnv!);
  const m = d.message;
  const text = defang(m.text);
  await postJson(deps.http, url, {
    // The notification's fallback: no mrkdwn at all.
    text: escapeSlack(`${m.title}: ${text}`),
    mrkdwn: false,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: m.title.slice(0, 150) } },
      { type: 'section', text: { type: 'plain_text', text: text.slice(0, SLACK_SECTION_MAX), emoji: false } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `<${escapeSlack(m.link)}|${msg(m.lang, 'alert.channel.viewEvidence')}> · ${d.idempotencyKey}` }] },
    ],
  });
}

export async function sendTelegram(channel: Extract<ChannelConfig, { kind: 'telegram' }>, d: Delivery, deps: ChannelDeps): Promise<void> {
  const token = secretFrom(deps.env, channel.id, 'tokenEnv', channel.tokenEnv);
  const m = d.message;
  const answer = await postJson(deps.http, `${channel.baseUrl.replace(/\/$/, '')}/bot${token}/sendMessage`, {
    chat_id: channel.chatId,
    parse_mode: 'HTML',
    disable_web_page_preview: true,
    text: `<b>${escapeHtml(m.title)}</b>\n${escapeHtml(defang(m.text))}\n<a href="${escapeHtml(m.link)}">${msg(m.lang, 'alert.channel.viewEvidence')}</a>`,
  });
  // The bot API answers 200 with {"ok": false} for some refusals.
  try {
    const parsed = JSON.parse(answer) as { ok?: boolean; description?: string };
    if (parsed.ok === false) throw new ChannelError(`Telegram refused the message: ${parsed.description ?? ''}`, false);
  } catch (err) {
    if (err instanceof ChannelError) throw err;
  }
}
