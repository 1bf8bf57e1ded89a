// What follows a run outside the service: judge the alerts, try delivering once. What is
// not delivered stays in the outbox for the service (or the next run) to retry.
import type { Db } from '../../storage/db.ts';
import type { LoadedConfig } from '../config/load.ts';
import { createHttpClient } from '../http/client.ts';
import type { Logger } from '../log.ts';
import { deliverDue, type DeliveryResult } from './delivery.ts';
import { evaluateAlerts, RUN_RULES, type EvaluationResult } from './evaluate.ts';

export async function alertsAfterRun(db: Db, loaded: LoadedConfig, log: Logger): Promise<{ evaluation: EvaluationResult; delivery: DeliveryResult }> {
  const evaluation = evaluateAlerts(db, loaded, { now: new Date(), log, rules: RUN_RULES });
  const http = createHttpClient({ retries: 0, totalTimeoutMs: 30_000 });
  try {
    const delivery = await deliverDue(db, loaded.config.channels, { http, log, giveUpAfterHours: loaded.config.alerts.giveUpAfterHours });
    return { evaluation, delivery };
  } finally {
    await http.close();
  }
}
