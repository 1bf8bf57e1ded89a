-- Privacy and accessibility checks. Migration 004 made placeholder check_result and finding
-- tables that nothing ever wrote to: they are replaced by the shape below.
--   portal_check   one check of one portal (or of one address): when, which areas, versions
--   check_visit    one browser visit of one page, with its evidence blobs (content-addressed)
--   check_result   one criterion's outcome on one page (level 'page') or for the portal ('portal')
--   finding        what a result rests on: a message in both languages and a pointer into evidence
--   check_score    the area score of a check (formula version stored with it)
--   check_third_party, check_cookie   what was sent and set before consent, for alerts and reports
DROP TABLE IF EXISTS finding;
DROP TABLE IF EXISTS check_result;

CREATE TABLE portal_check (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES run(id),
  job_id        INTEGER REFERENCES job(id),
  portal_id     TEXT REFERENCES portal(id),      -- NULL: an address checked on its own
  home_url      TEXT NOT NULL,
  areas_json    TEXT NOT NULL,
  started_at    TEXT NOT NULL,                   -- UTC
  finished_at   TEXT NOT NULL,
  measured_on   TEXT NOT NULL,                   -- local date (Asia/Ho_Chi_Minh) the law is cited for
  versions_json TEXT NOT NULL                    -- tool, axe-core, tracker list, browser, criteria, scoring
);
CREATE INDEX portal_check_by_portal ON portal_check (portal_id, id);
CREATE INDEX portal_check_by_run ON portal_check (run_id);

CREATE TABLE check_visit (
  id                INTEGER PRIMARY KEY,
  check_id          INTEGER NOT NULL REFERENCES portal_check(id),
  page_index        INTEGER NOT NULL,            -- 0 = the home page
  page_kind         TEXT NOT NULL,
  url               TEXT NOT NULL,               -- as asked
  final_url         TEXT,
  started_at        TEXT NOT NULL,
  duration_ms       REAL NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('ok', 'error')),
  error_reason      TEXT,                        -- timeout, too_large, download, dialog_flood, …
  error_message     TEXT,
  http_status       INTEGER,
  evidence_sha256   TEXT NOT NULL REFERENCES blob(sha256),   -- page evidence JSON (personal data masked)
  dom_sha256        TEXT REFERENCES blob(sha256),            -- serialised DOM (masked)
  screenshot_sha256 TEXT REFERENCES blob(sha256),            -- full-page JPEG (masked)
  axe_sha256        TEXT REFERENCES blob(sha256),            -- whole axe-core result JSON
  UNIQUE (check_id, page_index)
);

CREATE TABLE check_result (
  id            INTEGER PRIMARY KEY,
  check_id      INTEGER NOT NULL REFERENCES portal_check(id),
  run_id        INTEGER REFERENCES run(id),
  portal_id     TEXT REFERENCES portal(id),
  visit_id      INTEGER REFERENCES check_visit(id),   -- page level; NULL at portal level
  level         TEXT NOT NULL CHECK (level IN ('page', 'portal')),
  page_url      TEXT NOT NULL,
  criterion_id  TEXT NOT NULL,
  area          TEXT NOT NULL CHECK (area IN ('privacy', 'accessibility')),
  outcome       TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'cant_tell', 'not_applicable', 'error')),
  severity      TEXT NOT NULL CHECK (severity IN ('critical', 'serious', 'moderate', 'minor')),
  checked_at    TEXT NOT NULL,                 -- UTC
  basis_json    TEXT NOT NULL                  -- instruments in force on measured_on
);
CREATE INDEX check_result_by_portal ON check_result (portal_id, criterion_id, level, check_id);
CREATE INDEX check_result_by_check ON check_result (check_id, level);

CREATE TABLE finding (
  id              INTEGER PRIMARY KEY,
  check_result_id INTEGER NOT NULL REFERENCES check_result(id),
  code            TEXT NOT NULL,
  text_vi         TEXT NOT NULL,
  text_en         TEXT NOT NULL,
  detail_json     TEXT NOT NULL,
  evidence_sha256 TEXT REFERENCES blob(sha256),  -- the blob the finding rests on
  evidence_path   TEXT                           -- where in it (JSON path or CSS selector)
);
CREATE INDEX finding_by_result ON finding (check_result_id);

CREATE TABLE check_score (
  check_id    INTEGER NOT NULL REFERENCES portal_check(id),
  run_id      INTEGER REFERENCES run(id),
  portal_id   TEXT REFERENCES portal(id),
  area        TEXT NOT NULL CHECK (area IN ('privacy', 'accessibility')),
  version     TEXT NOT NULL,
  score       REAL,                              -- NULL: nothing could be judged
  counts_json TEXT NOT NULL,
  PRIMARY KEY (check_id, area)
);

CREATE TABLE check_third_party (
  visit_id   INTEGER NOT NULL REFERENCES check_visit(id),
  check_id   INTEGER NOT NULL REFERENCES portal_check(id),
  host       TEXT NOT NULL,
  tracker    TEXT,                               -- entity on the tracker list, NULL if not a tracker
  requests   INTEGER NOT NULL,
  PRIMARY KEY (visit_id, host)
) WITHOUT ROWID;

CREATE TABLE check_cookie (
  visit_id      INTEGER NOT NULL REFERENCES check_visit(id),
  check_id      INTEGER NOT NULL REFERENCES portal_check(id),
  name          TEXT NOT NULL,
  domain        TEXT NOT NULL,
  party         TEXT NOT NULL CHECK (party IN ('first', 'third')),
  tracker       TEXT,
  non_essential INTEGER NOT NULL,
  stored        INTEGER NOT NULL,                -- 0: the browser refused it (the attempt is recorded)
  set_by        TEXT,                            -- response or script URL
  PRIMARY KEY (visit_id, name, domain)
) WITHOUT ROWID;
