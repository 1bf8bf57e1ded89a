-- A run is one nightly measurement; its jobs are rows so that a run killed half-way is
-- resumed, not restarted, and a job that succeeded is not redone.
CREATE TABLE run (
  id                   INTEGER PRIMARY KEY,
  trigger              TEXT NOT NULL,            -- 'cli', 'demo', 'schedule'
  status               TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned')),
  started_at           TEXT NOT NULL,            -- UTC ISO 8601
  finished_at          TEXT,
  pid                  INTEGER,                  -- process that owns a running run
  host                 TEXT,
  plan_json            TEXT NOT NULL,            -- what was asked: periods, sources
  tool_version         TEXT NOT NULL,
  node_version         TEXT NOT NULL,
  config_hash          TEXT NOT NULL,
  scoring_version      TEXT,
  axe_version          TEXT,
  tracker_list_version TEXT,
  browser_version      TEXT
);
CREATE INDEX run_by_status ON run (status, id);

CREATE TABLE job (
  id               INTEGER PRIMARY KEY,
  run_id           INTEGER NOT NULL REFERENCES run(id),
  key              TEXT NOT NULL,               -- stable within a run: source/report/level/period
  kind             TEXT NOT NULL,               -- 'collect', later 'check', 'probe'
  source_id        TEXT,
  portal_id        TEXT,
  period           TEXT,                        -- local month YYYY-MM
  params_json      TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  started_at       TEXT,
  finished_at      TEXT,
  failure_reason   TEXT,                        -- enumerated: timeout, http_5xx, not_json, empty, ...
  failure_message  TEXT,
  measures_written INTEGER,
  notes_json       TEXT,                        -- data problems seen (unknown units, unreadable values)
  UNIQUE (run_id, key)
);
CREATE INDEX job_by_run_status ON job (run_id, status);
