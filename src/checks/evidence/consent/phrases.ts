// The words of consent banners (reference/consent/vi-banner-phrases.json, data an operator can
// extend) and what is made of them: the class of a banner's control by its text, and consent
// rules in autoconsent's own format for the Vietnamese banners no autoconsent rule knows.
import { readFileSync } from 'node:fs';
import { projectPath } from '../../../paths.ts';

export type ControlKind = 'accept' | 'reject' | 'settings' | 'save' | 'other';

export interface BannerPhrases {
  version: string;
  accept: string[];
  reject: string[];
  settings: string[];
  save: string[];
  topic: string[];
}

const PHRASES_FILE = projectPath('reference', 'consent', 'vi-banner-phrases.json');

let loaded: BannerPhrases | null = null;

/** The shipped phrases (read once). */
export function bannerPhrases(): BannerPhrases {
  loaded ??= JSON.parse(readFileSync(PHRASES_FILE, 'utf8')) as BannerPhrases;
  return loaded;
}

/** A control's text as compared: one line, no case, no surrounding marks ("Đồng ý ›" is "đồng ý"). */
export function normaliseControlText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('vi').replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** What a banner's control does, by its whole text; refusing is tested before accepting ("Không đồng ý"). */
export function classifyControl(text: string, phrases = bannerPhrases()): ControlKind {
  const t = normaliseControlText(text);
  const has = (list: string[]) => list.some((p) => normaliseControlText(p) === t);
  if (has(phrases.reject)) return 'reject';
  if (has(phrases.accept)) return 'accept';
  if (has(phrases.settings)) return 'settings';
  if (has(phrases.save)) return 'save';
  return 'other';
}

/** Whether a text speaks of cookies or personal data. */
export function mentionsConsentTopic(text: string, phrases = bannerPhrases()): boolean {
  const t = text.normalize('NFC').toLocaleLowerCase('vi');
  return phrases.topic.some((p) => t.includes(p.toLocaleLowerCase('vi')));
}

// XPath 1.0 has no lower-case(): each phrase is matched as written, in lower case, in capitals
// and with a capital first letter, which covers how banners write them.
function spellings(phrase: string): string[] {
  const lower = phrase.toLocaleLowerCase('vi');
  return [...new Set([phrase, lower, phrase.toLocaleUpperCase('vi'), lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1)])];
}

function literal(text: string): string {
  if (text.includes("'")) throw new Error(`a consent phrase may not contain an apostrophe: ${text}`);
  return `'${text}'`;
}

/** A control (button, link, role=button, input button) whose whole text is one of `list`, inside a block that speaks of consent. */
function controlXPath(list: string[], topic: string[]): string {
  const texts = list.flatMap(spellings).map(literal);
  const byText = texts.map((t) => `normalize-space(.)=${t} or normalize-space(@value)=${t}`).join(' or ');
  const about = topic.flatMap(spellings).map((t) => `contains(., ${literal(t)})`).join(' or ');
  // The banner is one of the six blocks around the control, not the whole page.
  return `xpath///*[self::button or self::a or @role='button' or self::input[@type='button' or @type='submit']][${byText}][ancestor::*[position() <= 6][${about}]]`;
}

/** autoconsent's rule shape, as far as these rules use it. */
export interface ConsentRule {
  name: string;
  runContext: { main: boolean; frame: boolean };
  detectCmp: object[];
  detectPopup: object[];
  optIn: object[];
  optOut: object[];
}

/**
 * Three rules, tried by autoconsent beside its own: a banner that refuses on its first layer; one
 * that hides refusing behind its settings; one that offers only to accept (its opt-out fails,
 * which is the finding).
 */
export function vietnameseConsentRules(phrases = bannerPhrases()): ConsentRule[] {
  const accept = controlXPath(phrases.accept, phrases.topic);
  const reject = controlXPath(phrases.reject, phrases.topic);
  const settings = controlXPath(phrases.settings, phrases.topic);
  const save = controlXPath(phrases.save, phrases.topic);
  const runContext = { main: true, frame: true };
  // What a person can press: only controls on screen count (a hidden "Từ chối" in a closed
  // settings panel is not on the banner's first layer).
  const shown = (selector: string) => ({ visible: selector, check: 'any' });
  const notShown = (selector: string) => ({ visible: selector, check: 'any', negated: true });
  const press = (selector: string, timeout = 3000) => [{ waitForVisible: selector, check: 'any', timeout }, { click: selector }];
  const popup = [shown(accept)];
  const optIn = press(accept);
  return [
    { name: 'dvc-vi-tu-choi', runContext, detectCmp: [shown(accept), shown(reject)], detectPopup: popup, optIn, optOut: press(reject) },
    {
      name: 'dvc-vi-tuy-chinh', runContext, detectCmp: [shown(accept), shown(settings), notShown(reject)], detectPopup: popup, optIn,
      optOut: [...press(settings), { any: [{ waitForVisible: reject, check: 'any', timeout: 3000 }, { waitForVisible: save, check: 'any', timeout: 1000 }] }, { any: [shown(reject), shown(save)] }, {
        if: { visible: reject, check: 'any' }, then: [{ click: reject }], else: [{ click: save }],
      }],
    },
    {
      name: 'dvc-vi-chi-dong-y', runContext, detectCmp: [shown(accept), notShown(reject), notShown(settings)], detectPopup: popup, optIn,
      // No control refuses: the opt-out fails, as it must.
      optOut: [shown(reject)],
    },
  ];
}
