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

export function month(value: string, option: string): string {
  if (!isMonthPeriod(value)) throw new UsageError(`${option} "${value}" is not a month. Fix: write YYYY-MM, for example ${option} 2026-10`);
  return value;
}

export function periodsToCollect(opts: PeriodOptions, schedule: Config['schedule'], now: Date): string[] {
  const current = currentMonth(now);
  const chosen = [opts.period && '--period', (opts.from || opts.to) && '--from/--to', opts.backfill && '--backfill'].filter(Boolean);
  if (chosen.length > 1) throw new UsageError(`${chosen.join(' and ')} cannot be combined. Fix: choose one way to name the months`);
  if (opts.period) return [month(opts.period, '--period')];
  if (opts.backfill) {
    if (!schedule.backfillFrom) throw new UsageError('--backfill needs schedule.backfillFrom in the configuration. Fix: add it (YYYY-MM), or use --from');
    return monthRange(schedule.backfillFrom, current);
  }
  if (opts.from || opts.to) {
    const from = month(opts.from ?? opts.to!, '--from');
    const to = month(opts.to ?? current, '--to');
    if (from > to) throw new UsageError(`--from ${from} comes after --to ${to}. Fix: swap them`);
    if (to > current) throw new UsageError(`--to ${to} is in the future (this month is ${current}). Fix: use ${current} or earlier`);
    return monthRange(from, to);
  }
  return monthRange(addMonths(current, 1 - schedule.lookbackMonths), current);
}

/** The month reports speak of unless told: the last complete one (Asia/Ho_Chi_Minh). */
export const lastCompleteMonth = (now: Date) => addMonths(currentMonth(now), -1);

/** A --period option: validated when given, the last complete month when not. */
export const periodOption = (value: string | undefined, now: Date) => (value === undefined ? lastCompleteMonth(now) : month(value, '--period'));
