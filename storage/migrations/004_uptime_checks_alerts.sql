-- Tables for the uptime, compliance-check and alerting capabilities. Their own issues refine
-- them with later migrations; they exist now so the store has its whole shape from the start.
CREATE TABLE probe (
  id             INTEGER PRIMARY KEY,
  portal_id      TEXT NOT NULL REFERENCES portal(id),
  endpoint       TEXT NOT NULL,
  at             TEXT NOT NULL,        -- UTC
  state          TEXT NOT NULL CHECK (state IN ('up', 'degraded', 'down', 'maintenance', 'unknown')),
  status_code    INTEGER,
  failure_reason TEXT,
  total_ms       REAL
);
CREATE INDEX probe_by_portal_time ON probe (portal_id, at);

CREATE TABLE probe_rollup (
  portal_id    TEXT NOT NULL REFERENCES portal(id),
  endpoint     TEXT NOT NULL,
  bucket       TEXT NOT NULL CHECK (bucket IN ('hour', 'day')),
  bucket_start TEXT NOT NULL,          -- UTC
  samples      INTEGER NOT NULL,
  up           INTEGER NOT NULL,
  degraded     INTEGER NOT NULL,
  down         INTEGER NOT NULL,
  excluded     INTEGER NOT NULL,       -- maintenance and unknown: not counted either way
  p50_ms       REAL,
  p95_ms       REAL,
  PRIMARY KEY (portal_id, endpoint, bucket, bucket_start)
);

CREATE TABLE check_result (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES run(id),
  portal_id     TEXT NOT NULL REFERENCES portal(id),
  page_url      TEXT NOT NULL,
  criterion_id  TEXT NOT NULL,
  area          TEXT NOT NULL CHECK (area IN ('privacy', 'accessibility', 'availability')),
  outcome       TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'cant_tell', 'not_applicable', 'error')),
  severity      TEXT,
  checked_at    TEXT NOT NULL,
  basis_json    TEXT NOT NULL,
  snapshot_id   INTEGER REFERENCES snapshot(id)
);
CREATE INDEX check_result_by_portal ON check_result (portal_id, criterion_id, checked_at);

CREATE TABLE finding (
  id              INTEGER PRIMARY KEY,
  check_result_id INTEGER NOT NULL REFERENCES check_result(id),
  detail_json     TEXT NOT NULL
);

CREATE TABLE alert (
  id          INTEGER PRIMARY KEY,
  dedupe_key  TEXT NOT NULL,
  rule        TEXT NOT NULL,
  subject     TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'resolved')),
  opened_at   TEXT NOT NULL,
  resolved_at TEXT,
  detail_json TEXT NOT NULL
);
CREATE UNIQUE INDEX alert_open_once ON alert (dedupe_key) WHERE status != 'resolved';

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  alert_id        INTEGER REFERENCES alert(id),
  channel         TEXT NOT NULL,
  idempotency_key TEXT NOT NULL UNIQUE,
  payload_json    TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  delivered_at    TEXT,
  last_error      TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
