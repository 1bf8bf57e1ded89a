-- Who is measured: agencies (with validity dates and the 2025 merger), their portals, and the
-- sources collected from. Rows are synchronised from the built-in registry and the config.
CREATE TABLE agency (
  code          TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  level         TEXT NOT NULL CHECK (level IN ('national', 'ministry', 'province', 'commune')),
  valid_from    TEXT,             -- local date, inclusive; NULL = since always
  valid_to      TEXT,             -- local date, inclusive; NULL = still exists
  succeeded_by  TEXT REFERENCES agency(code),
  gateway_code  TEXT,             -- MA_COQUAN on the national portal's statistics gateway
  parent_code   TEXT REFERENCES agency(code),
  origin        TEXT NOT NULL CHECK (origin IN ('builtin', 'config'))
);
CREATE INDEX agency_by_gateway_code ON agency (level, gateway_code);
CREATE INDEX agency_by_successor ON agency (succeeded_by);

CREATE TABLE portal (
  id           TEXT PRIMARY KEY,
  agency_code  TEXT NOT NULL REFERENCES agency(code),
  name         TEXT NOT NULL,
  url          TEXT NOT NULL,
  enabled      INTEGER NOT NULL DEFAULT 1,  -- 0 once removed from the config: history stays
  settings_json TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE source (
  id            TEXT PRIMARY KEY,
  kind          TEXT NOT NULL,
  portal_id     TEXT REFERENCES portal(id),
  enabled       INTEGER NOT NULL DEFAULT 1,
  settings_json TEXT NOT NULL
);
