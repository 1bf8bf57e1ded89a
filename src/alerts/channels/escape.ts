// Alert texts carry strings a portal chose (a page title, a cookie named "[Xem ngay](https://…)",
// a host): each channel shows them as text, in its own syntax, never as live markup or links.
// Our own link to the evidence is added by each channel apart from the text, and stays live.

/** Addresses in the text are shown, not linked: "https[:]//host/…", "www[.]host" (the usual defanged form). */
export function defang(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*):\/\//gi, '$1[:]//').replace(/\b(javascript|data|vbscript|mailto|tel):/gi, '$1[:]').replace(/\bwww\./gi, 'www[.]');
}

export const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Markdown (CommonMark, GitHub, Teams, Mattermost, Discord): a backslash before every character
 * that can open emphasis, code, a link, an image, a heading, a list, a quote, a table or HTML;
 * a backslash-escaped ASCII punctuation character always renders as itself.
 */
export const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|~<>=]/g, '\\$&');

/** Slack's own escaping (&, <, >): inside mrkdwn, `<…>` would make links and @channel mentions. */
export const escapeSlack = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
