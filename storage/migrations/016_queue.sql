-- The scale-out coordinator's records (issue 16): results of run jobs received from workers and
-- waiting for their job to be ingested, results that could not be ingested (dead letters),
-- gaps in the distributed measurement, and the state of each location.

-- A worker's result for one attempt of a run job (a collection job, or one page of a check):
-- stored on arrival, consumed when the job is ingested (in the same transaction as the job's
-- outcome), so a coordinator restarted in between loses nothing and ingests nothing twice.
CREATE TABLE queue_result (
  result_id   TEXT PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('collect', 'check_page')),
  job_id      INTEGER NOT NULL REFERENCES job(id),
  attempt     INTEGER NOT NULL,           -- the job's attempt the result answers
  page_url    TEXT,                       -- check pages: the page visited
  worker      TEXT,
  location    TEXT,
  body_json   TEXT NOT NULL,              -- the result; blobs are named by SHA-256 and already in `blob`
  received_at TEXT NOT NULL
);
CREATE INDEX queue_result_by_job ON queue_result (job_id, attempt);

-- A result that cannot be ingested (malformed, about an endpoint or job the store does not
-- have, evidence that does not match its hash) is kept here with its reason, never dropped.
CREATE TABLE queue_dead_letter (
  id          INTEGER PRIMARY KEY,
  result_id   TEXT,
  queue       TEXT NOT NULL,
  reason      TEXT NOT NULL,
  message     TEXT NOT NULL,
  payload     TEXT NOT NULL,
  received_at TEXT NOT NULL
);

-- Times the distributed measurement was not whole: the queue (Redis) unreachable, when the
-- coordinator probed alone as location 'local'; a location with no live worker, left out.
CREATE TABLE queue_gap (
  id         INTEGER PRIMARY KEY,
  scope      TEXT NOT NULL CHECK (scope IN ('queue', 'location')),
  location   TEXT NOT NULL DEFAULT '',   -- '' for the queue itself
  started_at TEXT NOT NULL,
  ended_at   TEXT,
  reason     TEXT NOT NULL
);
CREATE UNIQUE INDEX queue_gap_open_once ON queue_gap (scope, location) WHERE ended_at IS NULL;
CREATE INDEX queue_gap_by_time ON queue_gap (started_at);

CREATE TABLE queue_location (
  location     TEXT PRIMARY KEY,
  state        TEXT NOT NULL CHECK (state IN ('up', 'unknown')),
  since        TEXT NOT NULL,
  last_seen_at TEXT,
  workers      INTEGER NOT NULL DEFAULT 0
);
