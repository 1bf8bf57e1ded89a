// What a criterion is: data (id, titles, legal basis by date, severity, WCAG references) plus
// one small pure judge, in the manner of axe-core's rules. Page criteria judge each visited
// page; portal criteria judge the portal as a whole (is a privacy policy reachable, …).
import type { Lang } from '../../i18n.ts';
import { msg, msgBoth, type MessageKey, type MessageVars } from '../../messages/index.ts';
import type { Area, DocumentKind, FindingDetail, Judgement, Outcome, PageEvidence, Severity, Text } from '../types.ts';
import type { Citation } from './basis.ts';

export interface PortalEvidence {
  home: PageEvidence;
  pages: PageEvidence[];
}

interface CriterionBase {
  id: string;
  area: Area;
  title: Text;
  /** What passing means, in a sentence, for reports and `--help`-like listings. */
  description: Text;
  severity: Severity;
  basis: readonly Citation[];
  /** WCAG 2.1 success criteria it covers (accessibility). */
  wcag?: readonly string[];
  /** The axe-core rules it judges, exactly (accessibility). Every axe rule belongs to one criterion at most. */
  axeRules?: readonly string[];
  /** How to fix a failure, for the people who run the portal. */
  advice?: Text;
  /**
   * Advice only (best practice, no success criterion requires it): its findings are recorded and
   * shown, its outcome is never pass or fail, and it never counts in a score or an alert.
   */
  advisory?: true;
  /**
   * The documents it applies to (all when absent). A criterion that speaks of HTML only says so:
   * on an SVG or XML document it is not_applicable (a standalone SVG has no <html lang>).
   */
  documents?: readonly DocumentKind[];
}

export interface PageCriterion extends CriterionBase {
  scope: 'page';
  /**
   * `portal` is the check's evidence around the page, for what only another visit could see
   * (the home page's probe of http://): a page's verdict still rests on that page.
   */
  judge(page: PageEvidence, portal?: PortalEvidence): Judgement;
  /**
   * Most criteria have nothing to judge when the visit failed (outcome error). The few that
   * can judge a failed visit (an invalid certificate fails HTTPS) say so here.
   */
  judgeFailedVisit?(page: PageEvidence): Judgement | null;
}

export interface PortalCriterion extends CriterionBase {
  scope: 'portal';
  judge(portal: PortalEvidence): Judgement;
}

export type Criterion = PageCriterion | PortalCriterion;

export const judgement = (outcome: Outcome, details: FindingDetail[] = []): Judgement => ({ outcome, details });

/** fail when anything is proven, cant_tell when anything needs a person, else pass with the notes. */
export function verdict(fails: FindingDetail[], doubts: FindingDetail[], notes: FindingDetail[] = []): Judgement {
  if (fails.length) return judgement('fail', [...fails, ...doubts]);
  if (doubts.length) return judgement('cant_tell', doubts);
  return judgement('pass', notes);
}

/** A finding with text in both languages. */
export const detail = (code: string, vi: string, en: string, extra: Omit<FindingDetail, 'code' | 'text'> = {}): FindingDetail => ({ code, text: { vi, en }, ...extra });

/**
 * A finding whose text is a catalogue message in both languages, stored as { vi, en } like any
 * other. `vars` may depend on the language, for values that are themselves words.
 */
export function finding(code: string, key: MessageKey, vars: MessageVars | ((lang: Lang) => MessageVars) = {}, extra: Omit<FindingDetail, 'code' | 'text'> = {}): FindingDetail {
  const text = typeof vars === 'function' ? { vi: msg('vi', key, vars('vi')), en: msg('en', key, vars('en')) } : msgBoth(key, vars);
  return { code, text, ...extra };
}

/** Why something is so, as a catalogue message and its values: told in either language when shown. */
export interface Reason {
  key: MessageKey;
  vars?: MessageVars;
}

/** A finding whose text is already in both languages: msgBoth(key, vars), or inBoth when its pieces differ by language. */
export const findingOfText = (code: string, text: Text, extra: Omit<FindingDetail, 'code' | 'text'> = {}): FindingDetail => detail(code, text.vi, text.en, extra);

/** A text in each language, for a message whose pieces differ by language (an element named, a label). */
export const inBoth = (text: (lang: Lang) => string): Text => ({ vi: text('vi'), en: text('en') });

/** A text with no words to translate (a URL, a header line, a name): the same in both languages. */
export const sameText = (text: string): Text => ({ vi: text, en: text });

