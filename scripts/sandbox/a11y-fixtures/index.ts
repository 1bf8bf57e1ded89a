// Accessibility fixture pages on https://kiemthu.sandbox/a11y/<topic>/<case>: for every own
// check, pages that must fail and twins that must pass. One file per topic; each exports its
// cases as path (under its topic) → page. Served by check-fixtures.ts.
import { CORE_CASES } from './core.ts';
import { KEYBOARD_FIXTURES } from './keyboard.ts';
import { INTERACTION_FIXTURES } from './interaction.ts';
import { PRESENTATION_FIXTURES } from './presentation.ts';
import { LANGUAGE_FIXTURES } from './language.ts';
import { fixtureHtml, type FixturePage } from './page.ts';

export type FixtureCases = Record<string, FixturePage | { raw: string; contentType: string }>;

const TOPICS: Record<string, FixtureCases> = {
  core: CORE_CASES,
  keyboard: KEYBOARD_FIXTURES,
  interaction: INTERACTION_FIXTURES,
  presentation: PRESENTATION_FIXTURES,
  language: LANGUAGE_FIXTURES,
};

export const A11Y_PREFIX = '/a11y/';

/** The fixture at `/a11y/<topic>/<case>`, or null. */
export function a11yFixture(path: string): { body: string; contentType: string } | null {
  if (!path.startsWith(A11Y_PREFIX)) return null;
  const [topic, ...rest] = path.slice(A11Y_PREFIX.length).split('/');
  const found = TOPICS[topic ?? '']?.[rest.join('/')];
  if (!found) return null;
  return 'raw' in found ? { body: found.raw, contentType: found.contentType } : { body: fixtureHtml(found), contentType: 'text/html; charset=utf-8' };
}

/** Every fixture URL path, for listings and tests. */
export const a11yFixturePaths = () => Object.entries(TOPICS).flatMap(([topic, cases]) => Object.keys(cases).map((c) => `${A11Y_PREFIX}${topic}/${c}`));
