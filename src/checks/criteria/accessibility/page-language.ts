// The page declares its language, so a screen reader speaks Vietnamese with a Vietnamese voice:
// axe's rules (declared, valid, xml:lang consistent, valid lang on parts), plus what axe does not
// judge: the declared language must be the language of the text (ACT ucwvc8), and passages in
// another language should say so (3.1.2), both detected offline (language-match.ts).
import { detail, findingOfText, judgement, type PageCriterion } from '../criterion.ts';
import { judgeAxeRules } from './axe-rules.ts';
import { languageFindings } from './language-match.ts';
import { msgBoth } from '../../../messages/index.ts';

export const LANGUAGE_RULES = ['html-has-lang', 'html-lang-valid', 'html-xml-lang-mismatch', 'valid-lang'];

export const pageLanguage: PageCriterion = {
  id: 'accessibility.page-language',
  area: 'accessibility',
  scope: 'page',
  title: msgBoth('a11y.language.title'),
  description: msgBoth('a11y.language.description'),
  severity: 'serious',
  basis: [{ instrument: 'luat51_2010', article: 'Điều 43' }, { instrument: 'tt26_2020' }, { instrument: 'tt22_2023' }],
  wcag: ['3.1.1', '3.1.2'],
  axeRules: LANGUAGE_RULES,
  documents: ['html'],
  advice: msgBoth('a11y.language.advice'),
  judge(page) {
    const missing = page.lang?.trim() ? [] : [findingOfText('lang.missing', msgBoth('a11y.language.missing'), { evidence: { blob: 'evidence', path: 'lang' } })];
    const language = languageFindings(page);
    const judged = judgeAxeRules(page, LANGUAGE_RULES, [...missing, ...language.fails]);
    if (judged.outcome === 'fail' || judged.outcome === 'error') return judged;
    if (language.reviews.length || judged.outcome === 'cant_tell') return judgement('cant_tell', [...(judged.outcome === 'cant_tell' ? judged.details : []), ...language.reviews, ...language.notes]);
    // The same words in both languages: an attribute as written, no message to translate.
    return judgement('pass', [detail('lang.ok', `lang="${page.lang}"`, `lang="${page.lang}"`), ...language.notes]);
  },
};
