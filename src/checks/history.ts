// Which stored checks may be set side by side. A check may cover one area only (`check --area
// privacy`), or run while the portal answered 5xx (every criterion `error`): neither says
// anything about what it did not judge. So regressions compare like with like: the same
// criterion, judged (not `error`) in both checks, by the same catalogue (and, for what a list or
// engine finds, the same tracker list or axe-core); and a scorecard shows each area's latest
// complete result with its date, not whatever check happened to run last.
import type { Area, Outcome, Versions } from './types.ts';

/** Two checks' results can be compared when these versions are the same in both (absent in both counts as the same). */
export function comparable(a: { versions: Partial<Versions> }, b: { versions: Partial<Versions> }, also: ReadonlyArray<keyof Versions> = []): boolean {
  return (['criteria', ...also] as const).every((k) => a.versions[k] === b.versions[k]);
}

export interface PagedItem {
  /** Which page the item was seen on, the same across checks (storage/checks.ts: home, policy and statement by role, other pages by address). */
  page: string;
}

/**
 * What a rule about "new since the previous check" may say about one item (all its sightings in
 * the current check, `now`, and in the baseline, `before`; null without a baseline): `new` when
 * the baseline is comparable, visited one of the pages where the item is seen now, and did not
 * see it anywhere; `present` when the current check sees it otherwise; `unseen` when the
 * baseline saw it on a page the current check could not visit (not known to be gone); `gone`.
 */
export function itemStatus<T extends PagedItem>(
  now: readonly T[], before: readonly T[] | null, baseline: { comparable: boolean; pages: ReadonlySet<string> }, currentPages: ReadonlySet<string>,
): 'new' | 'present' | 'unseen' | 'gone' {
  if (now.length > 0) {
    const isNew = baseline.comparable && before !== null && before.length === 0 && now.some((i) => baseline.pages.has(i.page));
    return isNew ? 'new' : 'present';
  }
  return before?.some((i) => !currentPages.has(i.page)) ? 'unseen' : 'gone';
}

export interface AreaScoreRow {
  checkId: number;
  area: Area;
  version: string;
  score: number | null;
  counts: Record<Outcome, number>;
}

/** An area's result is complete when the scanner judged every scored criterion of it (none `error`). */
export const isCompleteArea = (row: Pick<AreaScoreRow, 'counts'>) => (row.counts.error ?? 0) === 0;

export interface AreaChoice<T extends AreaScoreRow> {
  area: Area;
  /** The result shown: the newest complete one, else (never complete) the newest one. */
  shown: T;
  complete: boolean;
  /** The newest later check that covered the area without completing it, so readers know a newer attempt exists. */
  newerIncomplete: T | null;
}

/** For each area with any stored result (rows newest first), the result a scorecard shows. */
export function chooseAreaResults<T extends AreaScoreRow>(rows: readonly T[], areas: readonly Area[] = ['privacy', 'accessibility']): Array<AreaChoice<T>> {
  return areas.flatMap((area): Array<AreaChoice<T>> => {
    const mine = rows.filter((r) => r.area === area);
    if (mine.length === 0) return [];
    const complete = mine.find(isCompleteArea);
    const shown = complete ?? mine[0]!;
    const newer = complete ? mine.find((r) => r.checkId > complete.checkId) ?? null : null;
    return [{ area, shown, complete: complete !== undefined, newerIncomplete: newer }];
  });
}
