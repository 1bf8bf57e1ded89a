-- Alerts and their notifications. The placeholder alert/outbox tables of 004 were never
-- used; they are replaced. An alert is one rule firing for one subject (dedupe key); the
-- outbox holds every notification before it is sent, so a receiver or a process that dies
-- loses nothing.
DROP TABLE outbox;
DROP TABLE alert;

CREATE TABLE alert (
  id                    INTEGER PRIMARY KEY,
  dedupe_key            TEXT NOT NULL,        -- rule|subject
  rule                  TEXT NOT NULL,
  subject               TEXT NOT NULL,
  portal_id             TEXT,
  agency_code           TEXT,
  severity              TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  -- pending: firing, but not yet as many times in a row as the rule needs (flap suppression)
  status                TEXT NOT NULL CHECK (status IN ('pending', 'open', 'resolved')),
  facts_json            TEXT NOT NULL,        -- what the rule saw: values, thresholds, evidence
  first_fired_at        TEXT NOT NULL,        -- UTC
  last_fired_at         TEXT NOT NULL,
  opened_at             TEXT,
  resolved_at           TEXT,
  consecutive_failures  INTEGER NOT NULL DEFAULT 1,
  consecutive_successes INTEGER NOT NULL DEFAULT 0,
  last_notified_at      TEXT,
  reminders_sent        INTEGER NOT NULL DEFAULT 0,
  acknowledged_at       TEXT,
  silenced_reason       TEXT                  -- a maintenance window, when notifications were held back
);
CREATE UNIQUE INDEX alert_active_once ON alert (dedupe_key) WHERE status != 'resolved';
CREATE INDEX alert_by_status ON alert (status, opened_at);

CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  alert_id         INTEGER REFERENCES alert(id),
  event            TEXT NOT NULL CHECK (event IN ('opened', 'reminder', 'resolved', 'test')),
  channel_id       TEXT NOT NULL,
  idempotency_key  TEXT NOT NULL UNIQUE,      -- the same on every retry: receivers drop repeats
  payload_json     TEXT NOT NULL,             -- the message as rendered; never a secret
  status           TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'dead')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  created_at       TEXT NOT NULL,
  next_attempt_at  TEXT NOT NULL,
  lease_until      TEXT,                      -- a 'sending' row whose lease ran out is retried
  claimed_by       TEXT,                      -- pid@host of the sender, so a dead sender's claim is taken back at once
  delivered_at     TEXT,
  last_error       TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

-- One long-running service per store: the holder's pid and host, refreshed by a heartbeat.
CREATE TABLE service_lock (
  name         TEXT PRIMARY KEY,
  pid          INTEGER NOT NULL,
  host         TEXT NOT NULL,
  acquired_at  TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL
);

-- When each scheduled task last ran, so that a nightly run missed while the machine was off
-- runs at start.
CREATE TABLE schedule_state (
  task             TEXT PRIMARY KEY,
  last_started_at  TEXT,
  last_finished_at TEXT,
  last_status      TEXT
);
