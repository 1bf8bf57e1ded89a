// Cookies and storage before consent may only be what the service needs to work (a session, a
// preference). Non-essential: third-party cookies, anything a tracker or a tracker's script
// wrote, and cookies with well-known analytics or advertising names.
import type { Lang } from '../../../i18n.ts';
import { msg, msgBoth } from '../../../messages/index.ts';
import { finding, judgement, type PageCriterion } from '../criterion.ts';
import type { CookieRecord } from '../../types.ts';

/** Who set a cookie: "response https://…", "script (inline)", or unknown. */
function setByText(setBy: CookieRecord['setBy'], lang: Lang): string {
  if (setBy.via === 'unknown') return msg(lang, 'privacy.cookie.setBy.unknown');
  const url = setBy.url ?? msg(lang, 'privacy.cookie.setBy.inline');
  return msg(lang, setBy.via === 'header' ? 'privacy.cookie.setBy.header' : 'privacy.cookie.setBy.script', { url });
}

export const isNonEssential = (c: CookieRecord) => c.party === 'third' || c.tracker !== null;

export const noNonEssentialCookieBeforeConsent: PageCriterion = {
  id: 'privacy.no-nonessential-cookie-before-consent',
  area: 'privacy',
  scope: 'page',
  title: msgBoth('privacy.no-nonessential-cookie-before-consent.title'),
  description: msgBoth('privacy.no-nonessential-cookie-before-consent.description'),
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 11' }, { instrument: 'luat91_2025', article: 'Điều 9' }],
  judge(page) {
    const cookies = page.cookies.map((c, i) => ({ c, i })).filter(({ c }) => isNonEssential(c));
    const storage = page.storage.map((s, i) => ({ s, i })).filter(({ s }) => s.tracker !== null);
    if (!cookies.length && !storage.length) return judgement('pass');
    return judgement('fail', [
      ...cookies.map(({ c, i }) => {
        const vars = (lang: Lang) => ({
          name: c.name, domain: c.domain, party: msg(lang, c.party === 'third' ? 'privacy.cookie.party.third' : 'privacy.cookie.party.first'),
          tracker: c.tracker ? `, ${c.tracker}` : '', who: setByText(c.setBy, lang), reasons: String(c.refusedBecause?.join(', ')),
        });
        return finding('cookie.non_essential', c.stored ? 'privacy.no-nonessential-cookie-before-consent.cookie' : 'privacy.no-nonessential-cookie-before-consent.cookieRefused', vars,
          { data: { name: c.name, domain: c.domain, party: c.party, tracker: c.tracker, setBy: c.setBy, stored: c.stored, expiresInS: c.expiresInS }, evidence: { blob: 'evidence', path: `cookies[${i}]` } });
      }),
      ...storage.map(({ s, i }) => finding('storage.tracker', 'privacy.no-nonessential-cookie-before-consent.storage', { storage: `${s.area}Storage`, key: s.key, tracker: String(s.tracker), setBy: String(s.setBy) }, { data: { ...s }, evidence: { blob: 'evidence', path: `storage[${i}]` } })),
    ]);
  },
};
