// How the sample is told to people (CLI, report, dashboard): how many pages of how many found
// were checked, how they were chosen, the seed that reproduces the random part, and why each
// page is in it.
import type { Lang } from '../../i18n.ts';
import { msg, type MessageKey } from '../../messages/index.ts';
import type { SamplePage, SampleRole } from './plan.ts';

export interface SampleSummary {
  seed: number;
  pagesFound: number;
  templates: number;
  structured: number;
  random: number;
  leftOut: number;
  stoppedBy: string;
  /** Pages the check visited (the sample). */
  checked: number;
}

const ROLE_NAME = {
  home: 'sample.role.home',
  privacy_policy: 'sample.role.privacy_policy',
  accessibility_statement: 'sample.role.accessibility_statement',
  configured: 'sample.role.configured',
  login: 'sample.role.login',
  search: 'sample.role.search',
  statistics: 'sample.role.statistics',
  form: 'sample.role.form',
  service: 'sample.role.service',
  template: 'sample.role.template',
  random: 'sample.role.random',
} as const satisfies Record<SampleRole | 'random', MessageKey>;

const STOPPED = {
  complete: 'sample.stopped.complete',
  max_pages: 'sample.stopped.max_pages',
  deadline: 'sample.stopped.deadline',
  robots: 'sample.stopped.robots',
  failed: 'sample.stopped.failed',
} as const satisfies Record<string, MessageKey>;

/** A role's name; a role this code does not know (from newer stored evidence) as it is. */
function roleName(role: string, lang: Lang): string {
  const key = (ROLE_NAME as Record<string, MessageKey | undefined>)[role];
  return key ? msg(lang, key) : role;
}

/** Why a page is in the sample: "dịch vụ công (/dich-vu-cong/ho-tich), khuôn mẫu trang T4". */
export function reasonsText(reasons: SamplePage['reasons'], lang: Lang): string {
  return reasons.map((r) => {
    if (!r.detail) return roleName(r.role, lang);
    return `${roleName(r.role, lang)} ${r.role === 'form' ? msg(lang, 'sample.formTemplate', { template: r.detail }) : `(${r.detail})`}`;
  }).join(', ');
}

/** "Mẫu trang: đã kiểm tra 30 trong 512 trang tìm thấy …" */
export function sampleSummaryText(s: SampleSummary, lang: Lang): string {
  const stoppedKey = (STOPPED as Record<string, MessageKey | undefined>)[s.stoppedBy];
  const stopped = stoppedKey ? msg(lang, stoppedKey) : s.stoppedBy;
  const vars = { checked: s.checked, found: s.pagesFound, templates: s.templates, structured: s.structured, random: s.random, seed: s.seed, leftOut: s.leftOut, stopped };
  return msg(lang, s.leftOut ? 'sample.summaryWithLeftOut' : 'sample.summary', vars);
}
