-- Uptime: endpoints with their current state, raw probes (short retention), hourly and daily
-- rollups (kept for years), state transitions, incidents and declared maintenance windows.
-- Replaces the placeholder probe and probe_rollup tables of 004, which nothing used.
DROP TABLE probe_rollup;
DROP TABLE probe;

-- One row per probed endpoint; its current state is kept here so a restarted prober goes on
-- where it stopped (an open incident stays open) and alerts can read it.
CREATE TABLE uptime_endpoint (
  id                   INTEGER PRIMARY KEY,
  portal_id            TEXT NOT NULL REFERENCES portal(id),
  key                  TEXT NOT NULL,                 -- endpoint id within the portal: home, status, …
  url                  TEXT NOT NULL,
  interval_s           INTEGER NOT NULL,
  enabled              INTEGER NOT NULL DEFAULT 1,    -- 0 once removed from the config: history stays
  settings_json        TEXT NOT NULL,
  state                TEXT NOT NULL DEFAULT 'unknown' CHECK (state IN ('up', 'degraded', 'down', 'maintenance', 'unknown')),
  state_since          TEXT,                          -- UTC
  consecutive_failures INTEGER NOT NULL DEFAULT 0,
  streak_started_at    TEXT,
  streak_cause         TEXT,
  last_probe_at        TEXT,
  cert_subject         TEXT,                          -- the last certificate seen (https only)
  cert_issuer          TEXT,
  cert_not_after       TEXT,
  cert_seen_at         TEXT,
  UNIQUE (portal_id, key)
);

-- Raw probes: one row per scheduled probe (its confirm-retries included), kept uptime.retention.rawDays.
CREATE TABLE probe (
  id              INTEGER PRIMARY KEY,
  endpoint_id     INTEGER NOT NULL REFERENCES uptime_endpoint(id),
  at              TEXT NOT NULL,        -- UTC, when the probe started
  lateness_ms     REAL,                 -- start minus the scheduled time
  outcome         TEXT NOT NULL CHECK (outcome IN ('up', 'degraded', 'failed', 'unknown')),
  state           TEXT NOT NULL CHECK (state IN ('up', 'degraded', 'down', 'maintenance', 'unknown')),
  reason          TEXT,                 -- failure, degradation or unknown reason (dns, timeout, slow, store_busy…)
  detail          TEXT,
  attempts        INTEGER NOT NULL,     -- 1, or more with confirm-retries
  status_code     INTEGER,
  dns_ms          REAL,
  connect_ms      REAL,
  tls_ms          REAL,
  first_byte_ms   REAL,
  total_ms        REAL,
  rt_bucket       INTEGER,              -- response-time histogram bucket (UP and DEGRADED only)
  body_bytes      INTEGER,
  ip              TEXT,
  final_url       TEXT,                 -- only when redirected
  redirects_json  TEXT,                 -- [{url, status}], only when redirected
  https_redirect  INTEGER,              -- started on http: and ended on https: (NULL when started on https:)
  cert_not_after  TEXT,
  cert_issuer     TEXT,
  assertions_json TEXT,                 -- [{condition, ok, actual, soft}] when the endpoint has conditions
  maintenance_id  TEXT,
  stalled_ms      REAL                  -- our own process stalled this long during the probe
);
CREATE INDEX probe_by_endpoint_time ON probe (endpoint_id, at);
CREATE INDEX probe_by_time ON probe (at);

CREATE TABLE uptime_transition (
  id          INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES uptime_endpoint(id),
  at          TEXT NOT NULL,
  from_state  TEXT NOT NULL,
  to_state    TEXT NOT NULL,
  reason      TEXT
);
CREATE INDEX uptime_transition_by_time ON uptime_transition (at);

CREATE TABLE uptime_incident (
  id          INTEGER PRIMARY KEY,
  endpoint_id INTEGER NOT NULL REFERENCES uptime_endpoint(id),
  started_at  TEXT NOT NULL,             -- the first failed probe of the streak
  ended_at    TEXT,                      -- NULL while open
  cause       TEXT NOT NULL,             -- failure reason of the first failed probe
  ended_by    TEXT CHECK (ended_by IN ('recovered', 'maintenance', 'monitor_gap'))
);
CREATE UNIQUE INDEX uptime_incident_open_once ON uptime_incident (endpoint_id) WHERE ended_at IS NULL;
CREATE INDEX uptime_incident_by_time ON uptime_incident (started_at);

-- Declared maintenance windows, as configured, with their notice verdict (NĐ 224/2026 Art. 13).
CREATE TABLE uptime_maintenance (
  id                  TEXT PRIMARY KEY,
  portal_id           TEXT NOT NULL,
  endpoints_json      TEXT NOT NULL,
  starts_at           TEXT NOT NULL,
  ends_at             TEXT NOT NULL,
  announced_on        TEXT,
  working_days_notice INTEGER,
  announced           INTEGER NOT NULL,  -- 1 when announced at least 7 working days ahead
  note                TEXT NOT NULL
);

-- Hourly (bucket_start = UTC hour, "2026-11-20T03:00:00.000Z") and daily (bucket_start = local
-- date in Asia/Ho_Chi_Minh) counts. Everything that shows history reads these.
CREATE TABLE probe_rollup (
  endpoint_id   INTEGER NOT NULL REFERENCES uptime_endpoint(id),
  bucket        TEXT NOT NULL CHECK (bucket IN ('hour', 'day')),
  bucket_start  TEXT NOT NULL,
  up            INTEGER NOT NULL,
  degraded      INTEGER NOT NULL,
  down          INTEGER NOT NULL,
  maintenance   INTEGER NOT NULL,
  unknown       INTEGER NOT NULL,
  failed_probes INTEGER NOT NULL,        -- probes that failed, confirmed DOWN or not yet
  rt_count      INTEGER NOT NULL,
  rt_sum_ms     REAL NOT NULL,
  rt_hist_json  TEXT NOT NULL,           -- {bucketIndex: count}, bounds in src/uptime/availability.ts
  PRIMARY KEY (endpoint_id, bucket, bucket_start)
) WITHOUT ROWID;

-- How far the rollups have read the probe table (probe ids only grow).
CREATE TABLE uptime_rollup_progress (
  id            INTEGER PRIMARY KEY CHECK (id = 1),
  last_probe_id INTEGER NOT NULL
);
INSERT INTO uptime_rollup_progress (id, last_probe_id) VALUES (1, 0);
