-- When two sources give the same measure (agency, metric, period), the higher priority is
-- kept; on a tie the value stored first stays, so a figure no longer flips between sources
-- from one night to the next. From the configuration (sources[].priority, default 0).
ALTER TABLE source ADD COLUMN priority INTEGER NOT NULL DEFAULT 0;
