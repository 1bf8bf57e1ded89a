// Consent, exercised on the home page (evidence/consent/): Luật 91/2025/QH15 wants consent per
// purpose, explicit and verifiable, and silence is not consent. Three criteria: a page that
// tracks asks first; refusing works (nothing tracks afterwards); refusing is as direct as
// accepting. Each proves its verdict from what the browser recorded, or says it cannot tell.
import type { ConsentEvidence, ConsentVisitEvidence } from '../../evidence/consent/visit.ts';
import type { FindingDetail, Judgement, PageEvidence } from '../../types.ts';
import { detail, judgement, type PortalCriterion } from '../criterion.ts';
import { isNonEssential } from './no-nonessential-cookie-before-consent.ts';

const BASIS = [{ instrument: 'nd13_2023', article: 'Điều 11' }, { instrument: 'luat91_2025', article: 'Điều 9' }] as const;

/** What a page sends or keeps for trackers: requests, non-essential cookies, tracker storage. */
function tracking(requests: PageEvidence['requests'], cookies: PageEvidence['cookies'], storage: PageEvidence['storage']) {
  return {
    requests: requests.map((r, i) => ({ r, i })).filter(({ r }) => r.tracker || r.filterMatch),
    cookies: cookies.map((c, i) => ({ c, i })).filter(({ c }) => isNonEssential(c)),
    storage: storage.map((s, i) => ({ s, i })).filter(({ s }) => s.tracker !== null),
  };
}

const tracks = (t: ReturnType<typeof tracking>) => t.requests.length + t.cookies.length + t.storage.length > 0;

/** The consent evidence of the home page, or the judgement when there is none to judge. */
function consentOf(home: PageEvidence): ConsentEvidence | Judgement {
  if (!home.consent) {
    return judgement('not_applicable', [detail('consent.not_exercised', 'Lần kiểm tra này không thử cơ chế đồng ý (chỉ kiểm tra trang chủ của cổng, khi kiểm tra quyền riêng tư).', 'This check did not exercise consent (done on a portal\'s home page, in privacy checks).')]);
  }
  const failed = [home.consent.refuse, home.consent.accept].find((v) => v.scannerError);
  if (failed) {
    return judgement('error', [detail('consent.scanner_error', `Lỗi công cụ khi thử ${failed.action === 'refuse' ? 'từ chối' : 'đồng ý'}: ${failed.scannerError}. Không tính cho cổng.`, `Scanner error while trying to ${failed.action}: ${failed.scannerError}. Not counted against the portal.`)]);
  }
  return home.consent;
}

const banner = (c: ConsentEvidence) => c.banner ? `"${c.banner.controls.map((x) => x.text).join('", "')}"` : '';
const by = (v: ConsentVisitEvidence) => `${v.cmp ?? '?'}${v.clicks !== null ? `, ${v.clicks} lần bấm` : ''}`;
const byEn = (v: ConsentVisitEvidence) => `${v.cmp ?? '?'}${v.clicks !== null ? `, ${v.clicks} click(s)` : ''}`;

export const consentAsked: PortalCriterion = {
  id: 'privacy.consent-asked',
  area: 'privacy',
  scope: 'portal',
  title: { vi: 'Trang có theo dõi thì phải hỏi ý kiến người dùng', en: 'A page that tracks asks for consent' },
  description: {
    vi: 'Khi trang chủ gửi dữ liệu cho bên theo dõi hay đặt cookie không thiết yếu, trang có cơ chế để người dùng đồng ý hoặc từ chối.',
    en: 'When the home page sends data to trackers or sets non-essential cookies, it offers a way to agree or refuse.',
  },
  severity: 'serious',
  basis: BASIS,
  advice: {
    vi: 'Không nạp công cụ theo dõi trước khi người dùng đồng ý; thêm biểu ngữ hỏi ý kiến với nút "Đồng ý" và "Từ chối" ngang nhau.',
    en: 'Load no tracker before the visitor agrees; add a banner that asks, with equal "Agree" and "Refuse" buttons.',
  },
  judge({ home }) {
    const consent = consentOf(home);
    if ('outcome' in consent) return consent;
    const t = tracking(home.requests, home.cookies, home.storage);
    if (!tracks(t)) return judgement('not_applicable', [detail('consent.no_tracking', 'Trang chủ không gửi gì cho bên theo dõi và không đặt cookie không thiết yếu: không cần hỏi ý kiến.', 'The home page sends nothing to trackers and sets no non-essential cookie: there is nothing to ask about.')]);
    const what = `${t.requests.length} yêu cầu tới bên theo dõi, ${t.cookies.length} cookie không thiết yếu, ${t.storage.length} mục bộ nhớ của bên theo dõi`;
    const whatEn = `${t.requests.length} tracker requests, ${t.cookies.length} non-essential cookies, ${t.storage.length} tracker storage items`;
    if (consent.refuse.popupFound) {
      return judgement('pass', [detail('consent.banner', `Trang hỏi ý kiến qua biểu ngữ (${consent.refuse.cmp}) ${banner(consent)}.`, `The page asks through a banner (${consent.refuse.cmp}) ${banner(consent)}.`, { data: { cmp: consent.refuse.cmp, controls: consent.banner?.controls ?? [] } })]);
    }
    if (consent.banner || consent.refuse.heuristicPatterns.length) {
      const seen = consent.banner?.text ?? consent.refuse.heuristicPatterns.join('; ');
      return judgement('cant_tell', [detail('consent.banner_unrecognised', `Trang theo dõi (${what}) và có nội dung nói về cookie/dữ liệu cá nhân nhưng không nhận ra được biểu ngữ hỏi ý kiến: "${seen.slice(0, 300)}". Cần người kiểm tra xem đó có phải cơ chế đồng ý không.`,
        `The page tracks (${whatEn}) and has text about cookies or personal data, but no consent banner was recognised: "${seen.slice(0, 300)}". A person should check whether it is a way to consent.`, { data: { banner: consent.banner, heuristicPatterns: consent.refuse.heuristicPatterns } })]);
    }
    const hosts = [...new Set(t.requests.map(({ r }) => r.host))];
    return judgement('fail', [
      detail('consent.none', `Trang theo dõi người dùng (${what}: ${hosts.join(', ')}) mà không có cách nào để đồng ý hay từ chối: không có biểu ngữ, không có nút nào nói về cookie hay dữ liệu cá nhân.`,
        `The page tracks visitors (${whatEn}: ${hosts.join(', ')}) with no way to agree or refuse: no banner, no control about cookies or personal data.`, { data: { hosts } }),
      ...t.requests.slice(0, 20).map(({ r, i }) => detail('consent.tracker_request', `${r.type} ${r.url}`, `${r.type} ${r.url}`, { data: { host: r.host, entity: r.tracker?.entity ?? null, filterMatch: r.filterMatch ?? null }, evidence: { blob: 'evidence', path: `requests[${i}]` } })),
    ]);
  },
};

export const refusalRespected: PortalCriterion = {
  id: 'privacy.refusal-respected',
  area: 'privacy',
  scope: 'portal',
  title: { vi: 'Từ chối thì không bị theo dõi', en: 'Refusing stops the tracking' },
  description: {
    vi: 'Sau khi người dùng bấm từ chối trên biểu ngữ, trang (kể cả khi tải lại) không gửi gì cho bên theo dõi và không ghi cookie hay bộ nhớ không thiết yếu.',
    en: 'After the visitor refuses on the banner, the page (reloaded too) sends nothing to trackers and writes no non-essential cookie or storage.',
  },
  severity: 'critical',
  basis: BASIS,
  advice: {
    vi: 'Chỉ nạp công cụ phân tích, quảng cáo, mạng xã hội khi người dùng đã đồng ý cho mục đích đó; ghi nhớ lời từ chối.',
    en: 'Load analytics, advertising and social tools only once the visitor has agreed to that purpose; remember a refusal.',
  },
  judge({ home }) {
    const consent = consentOf(home);
    if ('outcome' in consent) return consent;
    const { refuse } = consent;
    if (!refuse.popupFound) return judgement('not_applicable', [detail('consent.no_banner', 'Không có biểu ngữ hỏi ý kiến để từ chối.', 'There is no consent banner to refuse through.')]);
    if (!refuse.result || !refuse.afterChoice) {
      const offered = consent.banner?.controls.some((c) => c.kind === 'reject' || c.kind === 'settings');
      if (consent.banner?.recognised && !offered) {
        return judgement('not_applicable', [detail('consent.refusal_not_offered', `Biểu ngữ không cho từ chối (${banner(consent)}): xem tiêu chí "Từ chối dễ như đồng ý".`, `The banner offers no way to refuse (${banner(consent)}): see "Refusing as direct as accepting".`)]);
      }
      return judgement('cant_tell', [detail('consent.refusal_not_done', `Nhận ra biểu ngữ (${refuse.cmp}) nhưng công cụ không từ chối được qua nó${refuse.error ? ` (${refuse.error})` : ''}. Cần người thử từ chối và xem trang còn theo dõi không.`,
        `The banner (${refuse.cmp}) was recognised but the checker could not refuse through it${refuse.error ? ` (${refuse.error})` : ''}. A person should refuse and see whether the page still tracks.`, { data: { cmp: refuse.cmp, banner: consent.banner } })]);
    }
    const t = tracking(refuse.afterChoice.requests, refuse.afterChoice.cookies, refuse.afterChoice.storage);
    const how = `${by(refuse)}`;
    if (!tracks(t)) return judgement('pass', [detail('consent.refusal_respected', `Đã từ chối qua biểu ngữ (${how}); sau đó, kể cả khi tải lại trang, không có yêu cầu tới bên theo dõi, cookie hay bộ nhớ không thiết yếu.`, `Refused through the banner (${byEn(refuse)}); afterwards, reloaded too, no tracker request, non-essential cookie or storage.`)]);
    const path = (what: string, i: number) => ({ blob: 'evidence' as const, path: `consent.refuse.afterChoice.${what}[${i}]` });
    const details: FindingDetail[] = [
      detail('consent.refusal_ignored', `Đã từ chối qua biểu ngữ (${how}) nhưng trang vẫn theo dõi: ${t.requests.length} yêu cầu tới bên theo dõi, ${t.cookies.length} cookie không thiết yếu, ${t.storage.length} mục bộ nhớ của bên theo dõi.`,
        `Refused through the banner (${byEn(refuse)}) yet the page still tracks: ${t.requests.length} tracker requests, ${t.cookies.length} non-essential cookies, ${t.storage.length} tracker storage items.`, { data: { cmp: refuse.cmp } }),
      ...t.requests.slice(0, 20).map(({ r, i }) => detail('consent.tracker_request_after_refusal', `${r.type} ${r.url}`, `${r.type} ${r.url}`, { data: { host: r.host, entity: r.tracker?.entity ?? null, filterMatch: r.filterMatch ?? null }, evidence: path('requests', i) })),
      ...t.cookies.slice(0, 20).map(({ c, i }) => detail('consent.cookie_after_refusal', `Cookie ${c.name} (${c.domain}${c.tracker ? `, ${c.tracker}` : ''})`, `Cookie ${c.name} (${c.domain}${c.tracker ? `, ${c.tracker}` : ''})`, { data: { name: c.name, domain: c.domain, tracker: c.tracker, setBy: c.setBy }, evidence: path('cookies', i) })),
      ...t.storage.slice(0, 20).map(({ s, i }) => detail('consent.storage_after_refusal', `${s.area}Storage "${s.key}" (${s.tracker})`, `${s.area}Storage "${s.key}" (${s.tracker})`, { data: { key: s.key, tracker: s.tracker }, evidence: path('storage', i) })),
    ];
    return judgement('fail', details);
  },
};

export const refusingAsDirect: PortalCriterion = {
  id: 'privacy.refuse-as-easy-as-accept',
  area: 'privacy',
  scope: 'portal',
  title: { vi: 'Từ chối dễ như đồng ý', en: 'Refusing as direct as accepting' },
  description: {
    vi: 'Biểu ngữ cho phép từ chối ngay ở lớp đầu, không cần nhiều thao tác hơn so với đồng ý.',
    en: 'The banner lets the visitor refuse on its first layer, with no more steps than accepting.',
  },
  severity: 'serious',
  basis: BASIS,
  advice: {
    vi: 'Đặt nút "Từ chối" cạnh nút "Đồng ý", cùng cỡ và cùng mức nổi bật.',
    en: 'Put a "Refuse" button beside "Agree", the same size and prominence.',
  },
  judge({ home }) {
    const consent = consentOf(home);
    if ('outcome' in consent) return consent;
    const { refuse, accept } = consent;
    if (!refuse.popupFound) return judgement('not_applicable', [detail('consent.no_banner', 'Không có biểu ngữ hỏi ý kiến.', 'There is no consent banner.')]);
    const r = refuse.result ? refuse.clicks : null;
    const a = accept.result ? accept.clicks : null;
    const data = { refuseClicks: r, acceptClicks: a, cmp: refuse.cmp, controls: consent.banner?.controls ?? [] };
    if (r !== null && (r <= 1 || (a !== null && r <= a))) {
      return judgement('pass', [detail('consent.refuse_direct', `Từ chối cần ${r} lần bấm${a !== null ? `, đồng ý ${a}` : ''} (${banner(consent)}).`, `Refusing takes ${r} click(s)${a !== null ? `, accepting ${a}` : ''} (${banner(consent)}).`, { data })]);
    }
    if (r !== null && a !== null) {
      return judgement('fail', [detail('consent.refuse_harder', `Từ chối cần ${r} lần bấm, đồng ý chỉ cần ${a} (${banner(consent)}).`, `Refusing takes ${r} clicks, accepting ${a} (${banner(consent)}).`, { data })]);
    }
    // Refusing could not be done: the banner's own controls say whether it is offered at all.
    const kinds = new Set(consent.banner?.recognised ? consent.banner.controls.map((c) => c.kind) : []);
    if (kinds.has('accept') && !kinds.has('reject')) {
      const hidden = kinds.has('settings');
      return judgement('fail', [detail(hidden ? 'consent.refuse_in_settings' : 'consent.accept_only',
        hidden ? `Lớp đầu của biểu ngữ chỉ có nút đồng ý và nút cài đặt (${banner(consent)}): muốn từ chối phải vào cài đặt.` : `Biểu ngữ chỉ có nút đồng ý (${banner(consent)}): không có cách từ chối.`,
        hidden ? `The banner's first layer offers accepting and settings only (${banner(consent)}): refusing needs the settings.` : `The banner offers only to accept (${banner(consent)}): there is no way to refuse.`, { data })]);
    }
    return judgement('cant_tell', [detail('consent.refuse_unknown', `Nhận ra biểu ngữ (${refuse.cmp}) nhưng không so được số thao tác từ chối và đồng ý${banner(consent) ? `: ${banner(consent)}` : ''}. Cần người kiểm tra.`,
      `The banner (${refuse.cmp}) was recognised but refusing and accepting could not be compared${banner(consent) ? `: ${banner(consent)}` : ''}. A person should check.`, { data })]);
  },
};

export const CONSENT_CRITERIA = [consentAsked, refusalRespected, refusingAsDirect] as const;
