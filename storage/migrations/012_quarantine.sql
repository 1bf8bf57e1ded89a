-- Quarantine: a value that breaks a plausibility rule (src/quality/plausibility.ts: negative,
-- out of range, impossibly large, a part larger than its total, an order-of-magnitude jump
-- against the agency's history or its peers) stays in `measure` but is held back from every
-- KPI, rank, aggregate and alert until an operator releases it (`quality release`, with who and
-- why) or a later collection confirms it. One row per episode, at most one open per measure.
CREATE TABLE quarantine (
  id             INTEGER PRIMARY KEY,
  period         TEXT NOT NULL,
  metric         TEXT NOT NULL,
  agency_code    TEXT NOT NULL REFERENCES agency(code),
  value          REAL NOT NULL,       -- the value held back (the measure row keeps it too)
  rule           TEXT NOT NULL,       -- the plausibility rule it broke first
  facts_json     TEXT NOT NULL,       -- what the rule saw (median and months, peers, the total…)
  source_id      TEXT,
  run_id         INTEGER REFERENCES run(id),
  status         TEXT NOT NULL CHECK (status IN ('quarantined', 'released', 'confirmed', 'superseded', 'cleared')),
  quarantined_at TEXT NOT NULL,       -- UTC
  ended_at       TEXT,                -- UTC, when it was no longer held back
  ended_by       TEXT,                -- released: the operator's name; confirmed: the source or run that confirmed it
  end_reason     TEXT,                -- released: the operator's reason; otherwise what happened
  CHECK ((status = 'quarantined') = (ended_at IS NULL))
);
CREATE UNIQUE INDEX quarantine_open ON quarantine (period, metric, agency_code) WHERE status = 'quarantined';
CREATE INDEX quarantine_by_period ON quarantine (period, status);
