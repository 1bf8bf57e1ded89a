// Declared maintenance windows and the notice rule of NĐ 224/2026/NĐ-CP Art. 13: a planned
// outage must be announced at least 7 working days ahead. Pure functions over local dates
// (Asia/Ho_Chi_Minh); working days are Monday to Friday, minus the configured holidays.
import { addDays, localDate } from '../time/period.ts';

export const REQUIRED_NOTICE_WORKING_DAYS = 7;

export interface MaintenanceWindow {
  id: string;
  /** The portal it covers; endpoints: only these (all of the portal's when empty). */
  portalId: string;
  endpoints: readonly string[];
  /** UTC ISO instants, start inclusive, end exclusive. */
  startsAt: string;
  endsAt: string;
  /** Local date the outage was announced to users. */
  announcedOn: string | null;
  note: string;
}

export interface NoticeVerdict {
  /** Working days strictly between the announcement and the first day of the window. */
  workingDaysNotice: number | null;
  announced: boolean;
}

export function isWorkingDay(date: string, holidays: ReadonlySet<string>): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
}

/**
 * Counts the working days after the announcement day and before the window's first day, as
 * periods are counted in Vietnamese law (from the day after the event). Announced on Monday
 * 2026-11-02 for Thursday 2026-11-12: Tue–Fri (4) + Mon–Wed (3) = 7 working days, compliant.
 */
export function workingDaysBetween(announcedOn: string, startDate: string, holidays: ReadonlySet<string>): number {
  let count = 0;
  for (let d = addDays(announcedOn, 1); d < startDate; d = addDays(d, 1)) if (isWorkingDay(d, holidays)) count++;
  return count;
}

export function noticeVerdict(window: Pick<MaintenanceWindow, 'announcedOn' | 'startsAt'>, holidays: ReadonlySet<string>): NoticeVerdict {
  if (window.announcedOn === null) return { workingDaysNotice: null, announced: false };
  const days = workingDaysBetween(window.announcedOn, localDate(new Date(window.startsAt)), holidays);
  return { workingDaysNotice: days, announced: days >= REQUIRED_NOTICE_WORKING_DAYS };
}

/** The window covering this endpoint at this instant, if any (the earliest-starting one). */
export function windowAt(windows: readonly MaintenanceWindow[], portalId: string, endpoint: string, at: string): MaintenanceWindow | null {
  let found: MaintenanceWindow | null = null;
  for (const w of windows) {
    if (w.portalId !== portalId || at < w.startsAt || at >= w.endsAt) continue;
    if (w.endpoints.length > 0 && !w.endpoints.includes(endpoint)) continue;
    if (!found || w.startsAt < found.startsAt) found = w;
  }
  return found;
}
