-- Probes from several locations (issue 16). Each location's result of a probe round is kept
-- as it arrived (probe_location); the round's verdict stays one row in `probe` (so availability,
-- rollups and incidents count each scheduled round once, as before), with the quorum's reach and
-- the locations behind it. A round is judged once its verdict row exists: a probe row with the
-- same endpoint and `at` = round_at. Rows written by the single process have no location rows.
CREATE TABLE probe_location (
  id              INTEGER PRIMARY KEY,
  result_id       TEXT NOT NULL UNIQUE,  -- the worker's result id: a result delivered twice is stored once
  endpoint_id     INTEGER NOT NULL REFERENCES uptime_endpoint(id),
  round_at        TEXT NOT NULL,         -- UTC, the round's scheduled time: the locations of one round share it
  location        TEXT NOT NULL,         -- a configured location id, or 'local' (the coordinator itself)
  worker          TEXT,                  -- host/pid of the process that probed
  at              TEXT NOT NULL,         -- UTC, when this location's probe started (that machine's clock)
  lateness_ms     REAL,                  -- its start minus round_at (queue delay, and clock skew between machines)
  outcome         TEXT NOT NULL CHECK (outcome IN ('up', 'degraded', 'failed', 'unknown')),
  reason          TEXT,
  detail          TEXT,
  attempts        INTEGER NOT NULL,
  status_code     INTEGER,
  dns_ms          REAL,
  connect_ms      REAL,
  tls_ms          REAL,
  first_byte_ms   REAL,
  total_ms        REAL,
  rt_bucket       INTEGER,
  body_bytes      INTEGER,
  ip              TEXT,
  final_url       TEXT,
  redirects_json  TEXT,
  https_redirect  INTEGER,
  cert_not_after  TEXT,
  cert_issuer     TEXT,
  cert_subject    TEXT,
  assertions_json TEXT,
  stalled_ms      REAL,
  received_at     TEXT NOT NULL          -- UTC, when the coordinator stored it
);
CREATE INDEX probe_location_by_round ON probe_location (endpoint_id, round_at);
CREATE INDEX probe_location_by_time ON probe_location (round_at);

-- Each location's view per local date (Asia/Ho_Chi_Minh), counted as results arrive.
CREATE TABLE probe_location_day (
  endpoint_id INTEGER NOT NULL REFERENCES uptime_endpoint(id),
  location    TEXT NOT NULL,
  date        TEXT NOT NULL,
  up          INTEGER NOT NULL DEFAULT 0,
  degraded    INTEGER NOT NULL DEFAULT 0,
  failed      INTEGER NOT NULL DEFAULT 0,
  unknown     INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (endpoint_id, location, date)
) WITHOUT ROWID;

-- Rounds reachable from some locations only ("partially reachable"), per local date: counted as
-- available like any UP or DEGRADED round, and shown apart.
CREATE TABLE probe_partial_day (
  endpoint_id INTEGER NOT NULL REFERENCES uptime_endpoint(id),
  date        TEXT NOT NULL,
  rounds      INTEGER NOT NULL,
  PRIMARY KEY (endpoint_id, date)
) WITHOUT ROWID;

-- The verdict's reach: NULL for one location (the single process), 'all' or 'partial' (down
-- from some answering locations but fewer than the quorum). The state columns keep their
-- availability meaning (a partial round is UP or DEGRADED, never downtime).
ALTER TABLE probe ADD COLUMN reach TEXT CHECK (reach IN ('all', 'partial'));
-- {"answered": [...], "down": [...], "unknown": [...], "quorum": n} for the verdict.
ALTER TABLE probe ADD COLUMN locations_json TEXT;
ALTER TABLE uptime_endpoint ADD COLUMN reach TEXT CHECK (reach IN ('all', 'partial'));
ALTER TABLE uptime_endpoint ADD COLUMN reach_since TEXT;
-- The locations that saw the portal down when the incident opened (NULL for the single process).
ALTER TABLE uptime_incident ADD COLUMN locations_json TEXT;
