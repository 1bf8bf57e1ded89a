-- The page sample of a check (W3C WCAG-EM): the crawl it came from, its seed, and why each page
-- is in it; and on results and findings, how many of the check's pages share them.
--   check_sample       one per sampled check: the seed, pages found, templates, the crawl record
--                      (a blob: every page found with its depth and template, robots.txt, what was
--                      skipped and why), how the crawl stopped, how long crawl and plan took
--   check_sample_page  the pages of the sample in visit order (page_index = check_visit.page_index)
CREATE TABLE check_sample (
  check_id        INTEGER PRIMARY KEY REFERENCES portal_check(id),
  seed            INTEGER NOT NULL,                 -- the random sample's seed (0 … 2^32-1)
  pages_found     INTEGER NOT NULL,                 -- HTML pages the crawl fetched
  templates       INTEGER NOT NULL,
  structured      INTEGER NOT NULL,                 -- pages of the sample chosen for a role
  random          INTEGER NOT NULL,                 -- pages drawn at random with the seed
  left_out        INTEGER NOT NULL,                 -- structured pages maxChecked left out
  stopped_by      TEXT NOT NULL,                    -- complete, max_pages, deadline, robots, failed
  crawl_sha256    TEXT NOT NULL REFERENCES blob(sha256),
  settings_json   TEXT NOT NULL,
  plan_ms         REAL NOT NULL
);

CREATE TABLE check_sample_page (
  check_id      INTEGER NOT NULL REFERENCES portal_check(id),
  page_index    INTEGER NOT NULL,                   -- the visit's page_index (0 = the home page)
  url           TEXT NOT NULL,
  selection     TEXT NOT NULL CHECK (selection IN ('structured', 'random')),
  reasons_json  TEXT NOT NULL,                      -- [{ "role": "service", "detail": "/dich-vu-cong/ho-tich" }, …]
  template      TEXT,                               -- T1, T2, … of the crawl; NULL for a page it did not fetch
  depth         INTEGER,
  PRIMARY KEY (check_id, page_index)
) WITHOUT ROWID;

-- A page criterion's portal result: the pages with its outcome, of the pages checked;
-- a page finding: the pages with the same finding and outcome, of the pages checked.
ALTER TABLE check_result ADD COLUMN pages_with INTEGER;
ALTER TABLE check_result ADD COLUMN pages_of INTEGER;
ALTER TABLE finding ADD COLUMN pages_with INTEGER;
ALTER TABLE finding ADD COLUMN pages_of INTEGER;
