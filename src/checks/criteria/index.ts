// The one catalogue of criteria. Adding a criterion = one file and one line here. The
// catalogue's version is stored with every check so results from different versions are
// never compared as if they were the same test.
import type { Area } from '../types.ts';
import { bestPractice } from './accessibility/best-practice.ts';
import { contrast } from './accessibility/contrast.ts';
import { formLabels } from './accessibility/form-labels.ts';
import { focusVisible } from './accessibility/focus-visible.ts';
import { INTERACTION_CRITERIA } from './accessibility/interaction.ts';
import { keyboard } from './accessibility/keyboard.ts';
import { linkPurpose } from './accessibility/link-purpose.ts';
import { linksAndHeadings } from './accessibility/links-and-headings.ts';
import { noKeyboardTrap } from './accessibility/no-keyboard-trap.ts';
import { noMovingText } from './accessibility/no-moving-text.ts';
import { otherWcag } from './accessibility/other-wcag.ts';
import { pageLanguage } from './accessibility/page-language.ts';
import { pageTitle } from './accessibility/page-title.ts';
import { pageTitlesDistinct } from './accessibility/page-titles-distinct.ts';
import { reflow, resizeText, textSpacing } from './accessibility/presentation.ts';
import { statement } from './accessibility/statement.ts';
import { tableHeaders } from './accessibility/table-headers.ts';
import { textAlternatives } from './accessibility/text-alternatives.ts';
import type { Criterion } from './criterion.ts';
import { CONSENT_CRITERIA } from './privacy/consent.ts';
import { cookieFlags } from './privacy/cookie-flags.ts';
import { formsOverHttps } from './privacy/forms-over-https.ts';
import { hostsAbroad } from './privacy/hosts-abroad.ts';
import { hsts } from './privacy/hsts.ts';
import { https } from './privacy/https.ts';
import { httpsRedirect } from './privacy/https-redirect.ts';
import { mixedContent } from './privacy/mixed-content.ts';
import { noNonEssentialCookieBeforeConsent } from './privacy/no-nonessential-cookie-before-consent.ts';
import { noPersonalDataExposed } from './privacy/no-personal-data-exposed.ts';
import { noTrackerBeforeConsent } from './privacy/no-tracker-before-consent.ts';
import { noTrackingBehaviour } from './privacy/no-tracking-behaviour.ts';
import { policyContactPoint } from './privacy/policy-contact-point.ts';
import { policyReachable } from './privacy/policy-reachable.ts';
import { securityHeaders } from './privacy/security-headers.ts';

// criteria/4: announced trap exits, axe's second look, headers-grade/2, RFC 6797 HSTS, SameSite values, filter-list trackers.
// criteria/5: evidence from out-of-process frames, workers and WebSockets; trackers by behaviour (privacy.no-tracking-behaviour).
// criteria/6: consent exercised (privacy.consent-asked, privacy.refusal-respected, privacy.refuse-as-easy-as-accept); shared workers and service-worker attempts in the evidence;
//   headers-grade/3 (SRI, CORS probe, empty CSP invalid, <meta> CSP as Chromium enforces it), the browser's HSTS preload list, redirects off host, cookies named as the Observatory names them.
export const CRITERIA_VERSION = 'criteria/6';

export const CATALOGUE: readonly Criterion[] = [
  https, httpsRedirect, hsts, securityHeaders, mixedContent, noTrackerBeforeConsent, noNonEssentialCookieBeforeConsent,
  cookieFlags, formsOverHttps, policyReachable, policyContactPoint, noPersonalDataExposed, hostsAbroad, noTrackingBehaviour, ...CONSENT_CRITERIA,
  textAlternatives, contrast, noMovingText, linkPurpose, linksAndHeadings, tableHeaders, formLabels, pageLanguage, pageTitle, pageTitlesDistinct, keyboard, noKeyboardTrap, focusVisible, resizeText, reflow, textSpacing,
  otherWcag, statement, bestPractice,
  ...INTERACTION_CRITERIA,
];

export const criteriaOf = (areas: readonly Area[]) => CATALOGUE.filter((c) => areas.includes(c.area));

export function criterionById(id: string): Criterion | undefined {
  return CATALOGUE.find((c) => c.id === id);
}
