-- The (agency, metric) index was made for an agency's series, but every reader goes by
-- period (the primary key's first column) or by the full key, and agencies are never
-- deleted (so foreign-key checks never need it). It cost a third of every measure upsert.
DROP INDEX IF EXISTS measure_by_agency;
