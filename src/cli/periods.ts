// Which months a run collects, from the command line or the schedule's defaults.
import type { Config } from '../config/schema.ts';
import { addMonths, currentMonth, isMonthPeriod, monthRange } from '../time/period.ts';
import { UsageError } from './errors.ts';

export interface PeriodOptions {
  period?: string;
  from?: string;
  to?: string;
  backfill?: boolean;
}

/** A month typed on the command line; with `now`, one after the current month (9999-12) is refused too: no figure can exist for it. */
export function month(value: string, option: string, now?: Date): string {
  if (!isMonthPeriod(value)) throw new UsageError('error.period.notMonth', { option, value });
  if (now !== undefined && value > currentMonth(now)) {
    throw new UsageError('error.period.future', { option, value, current: currentMonth(now) });
  }
  return value;
}

export function periodsToCollect(opts: PeriodOptions, schedule: Config['schedule'], now: Date): string[] {
  const current = currentMonth(now);
  // Given but empty (--period '') is a mistake to name, not "no option".
  const given = (v: string | undefined) => v !== undefined;
  const chosen = [given(opts.period) && '--period', (given(opts.from) || given(opts.to)) && '--from/--to', opts.backfill && '--backfill'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError('error.period.combined', { options: chosen.join(', ') });
  if (opts.period !== undefined) return [month(opts.period, '--period', now)];
  if (opts.backfill) {
    if (!schedule.backfillFrom) throw new UsageError('error.period.noBackfillFrom');
    return monthRange(schedule.backfillFrom, current);
  }
  if (opts.from !== undefined || opts.to !== undefined) {
    const to = month(opts.to ?? current, '--to', now);
    const from = opts.from === undefined ? to : month(opts.from, '--from', now);
    if (from > to) throw new UsageError('error.range.reversed', { from, to });
    return monthRange(from, to);
  }
  return monthRange(addMonths(current, 1 - schedule.lookbackMonths), current);
}

/** The month reports speak of unless told: the last complete one (Asia/Ho_Chi_Minh). */
export const lastCompleteMonth = (now: Date) => addMonths(currentMonth(now), -1);

/** A --period option: validated when given, the last complete month when not. */
export const periodOption = (value: string | undefined, now: Date) => (value === undefined ? lastCompleteMonth(now) : month(value, '--period', now));
