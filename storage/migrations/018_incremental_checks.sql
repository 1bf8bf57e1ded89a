-- Incremental nightly re-checks (issue 17): each visit keeps the fingerprint of its page (DOM,
-- resources' hashes, tool/axe/criteria/browser versions), and a visit whose accessibility evidence
-- was reused from an earlier, complete visit of the unchanged page names that visit. Its
-- axe_sha256 then points at the reused axe-core report.
ALTER TABLE check_visit ADD COLUMN fingerprint TEXT;                                 -- NULL: none taken (older visits, no accessibility, incomplete)
ALTER TABLE check_visit ADD COLUMN a11y_reused_from INTEGER REFERENCES check_visit(id); -- NULL: collected in this visit
CREATE INDEX check_visit_reusable ON check_visit (url, check_id) WHERE fingerprint IS NOT NULL;
