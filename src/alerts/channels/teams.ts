// Microsoft Teams through a Workflows webhook ("Post to a channel when a webhook request is
// received"): a message with one Adaptive Card. The Office 365 connector card (MessageCard) and
// the connector URLs on webhook.office.com are retired, so a URL of that kind is refused with the fix.
//
// Text a portal chose is put in TextRun elements, which Teams never reads as Markdown, with its
// addresses defanged and its "{{DATE(…)}}" functions broken; the facts are our own values,
// Markdown-escaped all the same. Our link to the evidence is the card's only action.
import type { ChannelConfig } from '../../config/schema.ts';
import { formatDuration } from '../../i18n.ts';
import { msg } from '../../messages/index.ts';
import { localTime } from '../messages.ts';
import { ALERT_SEVERITY_NAME } from '../readable.ts';
import { ChannelError, postJson, secretFrom, type ChannelDeps, type Delivery } from './common.ts';
import { defang, escapeMarkdown } from './escape.ts';

type TeamsChannel = Extract<ChannelConfig, { kind: 'teams' }>;

/** Hosts of the retired Office 365 connectors: they no longer deliver. */
const RETIRED_CONNECTOR_HOST = /(^|\.)webhook\.office\.com$/i;

/** Why a Teams URL cannot work, or null. Never quotes the URL (it carries the token). */
export function teamsUrlProblem(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null; // secretFrom names malformed URLs
  }
  return RETIRED_CONNECTOR_HOST.test(host)
    ? 'is an Office 365 connector URL (webhook.office.com), a kind Microsoft has retired. Fix: in Teams, add the Workflows template "Post to a channel when a webhook request is received" and use the URL it gives'
    : null;
}

/** Text as text: "{{DATE(…)}}" and "{{TIME(…)}}" would be formatted by the card renderer. */
const plain = (text: string) => defang(text).replace(/\{\{/g, '{\u200B{');

const run = (text: string, style: Record<string, unknown> = {}) => ({ type: 'TextRun', text: plain(text), ...style });

export function adaptiveCard(d: Delivery): Record<string, unknown> {
  const m = d.message;
  const lang = m.lang;
  const severity = ALERT_SEVERITY_NAME[m.severity]?.[lang] ?? m.severity;
  const facts: Array<[string, string]> = [[msg(lang, 'alert.channel.fact.severity'), severity], [msg(lang, 'alert.channel.fact.rule'), m.rule]];
  if (m.startedAt) facts.push([msg(lang, 'alert.channel.fact.started'), localTime(m.startedAt, lang)]);
  if (m.event === 'resolved' && m.resolvedAt) facts.push([msg(lang, 'alert.channel.fact.ended'), localTime(m.resolvedAt, lang)]);
  if (m.event === 'resolved' && typeof m.durationMs === 'number') facts.push([msg(lang, 'alert.channel.fact.lasted'), formatDuration(m.durationMs, lang)]);
  const style = m.event === 'resolved' || m.event === 'test' ? 'good' : m.severity === 'critical' ? 'attention' : 'warning';
  return {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: '1.4',
    msteams: { width: 'Full' },
    fallbackText: plain(`${m.title}: ${m.text}`),
    body: [
      { type: 'Container', style, bleed: true, items: [{ type: 'RichTextBlock', inlines: [run(m.title, { weight: 'Bolder', size: 'Medium' })] }] },
      { type: 'RichTextBlock', inlines: [run(m.text)] },
      { type: 'FactSet', facts: facts.map(([title, value]) => ({ title: escapeMarkdown(title), value: escapeMarkdown(value) })) },
      { type: 'RichTextBlock', inlines: [run(d.idempotencyKey, { isSubtle: true, size: 'Small' })] },
    ],
    actions: [{ type: 'Action.OpenUrl', title: msg(lang, 'alert.channel.viewEvidence'), url: m.link }],
  };
}

export async function sendTeams(channel: TeamsChannel, d: Delivery, deps: ChannelDeps): Promise<void> {
  const url = channel.url ?? secretFrom(deps.env, channel.id, 'urlEnv', channel.urlEnv!);
  const problem = teamsUrlProblem(url);
  if (problem) throw new ChannelError(`channel ${channel.id}: the Teams URL ${problem}`, false);
  // Workflows answers 202 Accepted: the flow posts the card on its own afterwards.
  await postJson(deps.http, url, {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: adaptiveCard(d) }],
  }, { 'x-dvc-idempotency-key': d.idempotencyKey });
}
