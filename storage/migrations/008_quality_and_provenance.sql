-- Provenance: where in its snapshot each measure's value was read. Quality: flags on data
-- that is missing, inconsistent, an outlier, stale, or whose source changed shape; stored
-- and shown, never silently dropped. One open flag per kind and subject (key).
ALTER TABLE measure ADD COLUMN locator TEXT;

CREATE TABLE quality_flag (
  id            INTEGER PRIMARY KEY,
  key           TEXT NOT NULL UNIQUE,   -- kind|source|agency|metric|period
  kind          TEXT NOT NULL CHECK (kind IN ('missing', 'inconsistent', 'outlier', 'stale', 'source_changed', 'counter_decreased', 'unknown_unit')),
  source_id     TEXT,
  agency_code   TEXT,
  metric        TEXT,
  period        TEXT,
  detail        TEXT NOT NULL,
  run_id        INTEGER REFERENCES run(id),
  first_seen_at TEXT NOT NULL,          -- UTC
  last_seen_at  TEXT NOT NULL,
  resolved_at   TEXT                    -- set when a later evaluation no longer finds it
);
CREATE INDEX quality_flag_by_period ON quality_flag (period, kind);
CREATE INDEX quality_flag_by_agency ON quality_flag (agency_code, period);
