// The housekeeping job: bring the hourly and daily rollups up to date, then delete what is past
// its retention (raw probes after uptime.retention.rawDays, hourly rollups after hourlyDays,
// daily rollups and transitions after dailyDays). Raw probes are only deleted once rolled up.
import type { Db } from '../../storage/db.ts';
import { deleteExpired, refreshRollups, type RetentionResult } from '../../storage/uptime.ts';
import type { UptimeConfig } from '../config/schema.ts';
import { localDate } from '../time/period.ts';

const DAY_MS = 86_400_000;

export function rollupAndRetain(db: Db, retention: UptimeConfig['retention'], now: Date): { rolledUp: number; deleted: RetentionResult } {
  const rolledUp = refreshRollups(db);
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const deleted = deleteExpired(db, {
    rawBefore: before(retention.rawDays).toISOString(),
    hourlyBefore: before(retention.hourlyDays).toISOString(),
    dailyBefore: `${localDate(before(retention.dailyDays))}T00:00:00.000Z`,
  });
  return { rolledUp, deleted };
}
