// Cookies and storage before consent may only be what the service needs to work (a session, a
// preference). Non-essential: third-party cookies, anything a tracker or a tracker's script
// wrote, and cookies with well-known analytics or advertising names.
import { detail, judgement, type PageCriterion } from '../criterion.ts';
import type { CookieRecord } from '../../types.ts';

export const isNonEssential = (c: CookieRecord) => c.party === 'third' || c.tracker !== null;

export const noNonEssentialCookieBeforeConsent: PageCriterion = {
  id: 'privacy.no-nonessential-cookie-before-consent',
  area: 'privacy',
  scope: 'page',
  title: { vi: 'Không đặt cookie không thiết yếu khi chưa có sự đồng ý', en: 'No non-essential cookies before consent' },
  description: {
    vi: 'Trước khi người dùng đồng ý, trang không đặt cookie của bên thứ ba, cookie hay bộ nhớ trình duyệt do bên theo dõi ghi.',
    en: 'Before the visitor agrees, the page sets no third-party cookie and no cookie or browser storage written by a tracker.',
  },
  severity: 'serious',
  basis: [{ instrument: 'nd13_2023', article: 'Điều 11' }, { instrument: 'luat91_2025', article: 'Điều 9' }],
  judge(page) {
    const cookies = page.cookies.map((c, i) => ({ c, i })).filter(({ c }) => isNonEssential(c));
    const storage = page.storage.map((s, i) => ({ s, i })).filter(({ s }) => s.tracker !== null);
    if (!cookies.length && !storage.length) return judgement('pass');
    return judgement('fail', [
      ...cookies.map(({ c, i }) => {
        const who = c.setBy.via === 'unknown' ? 'không rõ' : `${c.setBy.via === 'header' ? 'phản hồi' : 'tập lệnh'} ${c.setBy.url ?? '(nội tuyến)'}`;
        const whoEn = c.setBy.via === 'unknown' ? 'unknown' : `${c.setBy.via === 'header' ? 'response' : 'script'} ${c.setBy.url ?? '(inline)'}`;
        const refused = c.stored ? '' : ` — trình duyệt kiểm thử đã chặn (${c.refusedBecause?.join(', ')}), trình duyệt thông thường sẽ lưu`;
        const refusedEn = c.stored ? '' : ` — refused by the test browser (${c.refusedBecause?.join(', ')}); an ordinary browser keeps it`;
        return detail('cookie.non_essential', `Cookie ${c.name} (${c.domain}, bên ${c.party === 'third' ? 'thứ ba' : 'thứ nhất'}${c.tracker ? `, ${c.tracker}` : ''}) do ${who} đặt${refused}.`,
          `Cookie ${c.name} (${c.domain}, ${c.party} party${c.tracker ? `, ${c.tracker}` : ''}) set by ${whoEn}${refusedEn}.`,
          { data: { name: c.name, domain: c.domain, party: c.party, tracker: c.tracker, setBy: c.setBy, stored: c.stored, expiresInS: c.expiresInS }, evidence: { blob: 'evidence', path: `cookies[${i}]` } });
      }),
      ...storage.map(({ s, i }) => detail('storage.tracker', `Bộ nhớ ${s.area === 'local' ? 'localStorage' : 'sessionStorage'} "${s.key}" do ${s.tracker} (${s.setBy}) ghi.`, `${s.area}Storage "${s.key}" written by ${s.tracker} (${s.setBy}).`, { data: { ...s }, evidence: { blob: 'evidence', path: `storage[${i}]` } })),
    ]);
  },
};
