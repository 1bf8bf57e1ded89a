// Consent, exercised on the home page (evidence/consent/): Luật 91/2025/QH15 wants consent per
// purpose, explicit and verifiable, and silence is not consent. Three criteria: a page that
// tracks asks first; refusing works (nothing tracks afterwards); refusing is as direct as
// accepting. Each proves its verdict from what the browser recorded, or says it cannot tell.
import type { ConsentEvidence, ConsentVisitEvidence } from '../../evidence/consent/visit.ts';
import type { FindingDetail, Judgement, PageEvidence } from '../../types.ts';
import type { Lang } from '../../../i18n.ts';
import { msg, msgBoth } from '../../../messages/index.ts';
import { scannerReasonText } from '../../scanner-reasons.ts';
import { detail, finding, judgement, type PortalCriterion } from '../criterion.ts';
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
    return judgement('not_applicable', [finding('consent.not_exercised', 'privacy.consent.notExercised')]);
  }
  const failed = [home.consent.refuse, home.consent.accept].find((v) => v.scannerError);
  if (failed) {
    return judgement('error', [finding('consent.scanner_error', failed.action === 'refuse' ? 'privacy.consent.scannerError.refuse' : 'privacy.consent.scannerError.accept', (lang) => ({ error: scannerReasonText(String(failed.scannerError), lang) }))]);
  }
  return home.consent;
}

const banner = (c: ConsentEvidence) => c.banner ? `"${c.banner.controls.map((x) => x.text).join('", "')}"` : '';
/** How a choice was made: the consent manager, and the clicks it took when known. */
const by = (v: ConsentVisitEvidence, lang: Lang) => (v.clicks !== null ? msg(lang, 'privacy.consent.clicks', { cmp: v.cmp ?? '?', clicks: v.clicks }) : v.cmp ?? '?');
/** The counts of what a page sends or keeps for trackers, for a message's {{requests}}, {{cookies}}, {{storage}}. */
const counts = (t: ReturnType<typeof tracking>) => ({ requests: t.requests.length, cookies: t.cookies.length, storage: t.storage.length });

export const consentAsked: PortalCriterion = {
  id: 'privacy.consent-asked',
  area: 'privacy',
  scope: 'portal',
  title: msgBoth('privacy.consent-asked.title'),
  description: msgBoth('privacy.consent-asked.description'),
  severity: 'serious',
  basis: BASIS,
  advice: msgBoth('privacy.consent-asked.advice'),
  judge({ home }) {
    const consent = consentOf(home);
    if ('outcome' in consent) return consent;
    const t = tracking(home.requests, home.cookies, home.storage);
    if (!tracks(t)) return judgement('not_applicable', [finding('consent.no_tracking', 'privacy.consent.noTracking')]);
    if (consent.refuse.popupFound) {
      return judgement('pass', [finding('consent.banner', 'privacy.consent.banner', { cmp: String(consent.refuse.cmp), controls: banner(consent) }, { data: { cmp: consent.refuse.cmp, controls: consent.banner?.controls ?? [] } })]);
    }
    if (consent.banner || consent.refuse.heuristicPatterns.length) {
      const seen = consent.banner?.text ?? consent.refuse.heuristicPatterns.join('; ');
      return judgement('cant_tell', [finding('consent.banner_unrecognised', 'privacy.consent.bannerUnrecognised', { ...counts(t), seen: seen.slice(0, 300) }, { data: { banner: consent.banner, heuristicPatterns: consent.refuse.heuristicPatterns } })]);
    }
    const hosts = [...new Set(t.requests.map(({ r }) => r.host))];
    return judgement('fail', [
      finding('consent.none', 'privacy.consent.none', { ...counts(t), hosts: hosts.join(', ') }, { data: { hosts } }),
      ...t.requests.slice(0, 20).map(({ r, i }) => detail('consent.tracker_request', `${r.type} ${r.url}`, `${r.type} ${r.url}`, { data: { host: r.host, entity: r.tracker?.entity ?? null, filterMatch: r.filterMatch ?? null }, evidence: { blob: 'evidence', path: `requests[${i}]` } })),
    ]);
  },
};

export const refusalRespected: PortalCriterion = {
  id: 'privacy.refusal-respected',
  area: 'privacy',
  scope: 'portal',
  title: msgBoth('privacy.refusal-respected.title'),
  description: msgBoth('privacy.refusal-respected.description'),
  severity: 'critical',
  basis: BASIS,
  advice: msgBoth('privacy.refusal-respected.advice'),
  judge({ home }) {
    const consent = consentOf(home);
    if ('outcome' in consent) return consent;
    const { refuse } = consent;
    if (!refuse.popupFound) return judgement('not_applicable', [finding('consent.no_banner', 'privacy.consent.noBannerToRefuse')]);
    if (!refuse.result || !refuse.afterChoice) {
      const offered = consent.banner?.controls.some((c) => c.kind === 'reject' || c.kind === 'settings');
      if (consent.banner?.recognised && !offered) {
        return judgement('not_applicable', [finding('consent.refusal_not_offered', 'privacy.consent.refusalNotOffered', { controls: banner(consent) })]);
      }
      return judgement('cant_tell', [finding('consent.refusal_not_done', refuse.error ? 'privacy.consent.refusalNotDoneWhy' : 'privacy.consent.refusalNotDone', { cmp: String(refuse.cmp), error: String(refuse.error) },
        { data: { cmp: refuse.cmp, banner: consent.banner } })]);
    }
    const t = tracking(refuse.afterChoice.requests, refuse.afterChoice.cookies, refuse.afterChoice.storage);
    if (!tracks(t)) return judgement('pass', [finding('consent.refusal_respected', 'privacy.consent.refusalRespected', (lang) => ({ how: by(refuse, lang) }))]);
    const path = (what: string, i: number) => ({ blob: 'evidence' as const, path: `consent.refuse.afterChoice.${what}[${i}]` });
    const details: FindingDetail[] = [
      finding('consent.refusal_ignored', 'privacy.consent.refusalIgnored', (lang) => ({ how: by(refuse, lang), ...counts(t) }), { data: { cmp: refuse.cmp } }),
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
  title: msgBoth('privacy.refuse-as-easy-as-accept.title'),
  description: msgBoth('privacy.refuse-as-easy-as-accept.description'),
  severity: 'serious',
  basis: BASIS,
  advice: msgBoth('privacy.refuse-as-easy-as-accept.advice'),
  judge({ home }) {
    const consent = consentOf(home);
    if ('outcome' in consent) return consent;
    const { refuse, accept } = consent;
    if (!refuse.popupFound) return judgement('not_applicable', [finding('consent.no_banner', 'privacy.consent.noBanner')]);
    const r = refuse.result ? refuse.clicks : null;
    const a = accept.result ? accept.clicks : null;
    const data = { refuseClicks: r, acceptClicks: a, cmp: refuse.cmp, controls: consent.banner?.controls ?? [] };
    if (r !== null && (r <= 1 || (a !== null && r <= a))) {
      return judgement('pass', [finding('consent.refuse_direct', a !== null ? 'privacy.consent.refuseDirectCompared' : 'privacy.consent.refuseDirect', { refuse: r, accept: String(a), controls: banner(consent) }, { data })]);
    }
    if (r !== null && a !== null) {
      return judgement('fail', [finding('consent.refuse_harder', 'privacy.consent.refuseHarder', { refuse: r, accept: a, controls: banner(consent) }, { data })]);
    }
    // Refusing could not be done: the banner's own controls say whether it is offered at all.
    const kinds = new Set(consent.banner?.recognised ? consent.banner.controls.map((c) => c.kind) : []);
    if (kinds.has('accept') && !kinds.has('reject')) {
      const hidden = kinds.has('settings');
      return judgement('fail', [hidden
        ? finding('consent.refuse_in_settings', 'privacy.consent.refuseInSettings', { controls: banner(consent) }, { data })
        : finding('consent.accept_only', 'privacy.consent.acceptOnly', { controls: banner(consent) }, { data })]);
    }
    return judgement('cant_tell', [finding('consent.refuse_unknown', banner(consent) ? 'privacy.consent.refuseUnknownBanner' : 'privacy.consent.refuseUnknown', { cmp: String(refuse.cmp), controls: banner(consent) },
      { data })]);
  },
};

export const CONSENT_CRITERIA = [consentAsked, refusalRespected, refusingAsDirect] as const;
