-- Evidence: every payload a collector fetched, content-addressed and compressed, kept before
-- it is parsed. Measures: canonical values, one per agency, metric and period.
CREATE TABLE blob (
  sha256      TEXT PRIMARY KEY,      -- of the uncompressed body
  size        INTEGER NOT NULL,      -- uncompressed bytes
  compression TEXT NOT NULL CHECK (compression IN ('gzip')),
  body        BLOB NOT NULL
);

CREATE TABLE snapshot (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES run(id),
  job_id        INTEGER REFERENCES job(id),
  source_id     TEXT,
  url           TEXT NOT NULL,
  method        TEXT NOT NULL,
  request_json  TEXT NOT NULL,         -- headers (secrets removed) and body as sent
  fetched_at    TEXT NOT NULL,         -- UTC
  status        INTEGER NOT NULL,
  headers_json  TEXT NOT NULL,
  content_type  TEXT,
  sha256        TEXT NOT NULL REFERENCES blob(sha256),
  duration_ms   REAL NOT NULL
);
CREATE INDEX snapshot_by_job ON snapshot (job_id);

CREATE TABLE measure (
  agency_code  TEXT NOT NULL REFERENCES agency(code),
  metric       TEXT NOT NULL,
  period       TEXT NOT NULL,
  value        REAL,                   -- NULL means missing, never 0
  null_reason  TEXT,
  snapshot_id  INTEGER REFERENCES snapshot(id),
  source_id    TEXT,
  run_id       INTEGER REFERENCES run(id),
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (agency_code, metric, period),
  CHECK ((value IS NULL) = (null_reason IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX measure_by_period ON measure (period, metric);
