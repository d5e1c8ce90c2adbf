-- A run whose variance lines all lack a value (no cost, or the book changed since the count)
-- has an unknown net and absolute value, as reconcile's summary.json says it (null): 0.00 read
-- as nothing at stake. NULL now says so; a run with no variance at all keeps 0.
ALTER TABLE recon_run ALTER COLUMN net_value SET NULL;
ALTER TABLE recon_run ALTER COLUMN abs_value SET NULL;
-- Runs saved before: 0 beside lines without value had no valued variance, or some valued at a
-- unit cost of 0. Where the run still keeps its variance lines as rows (all of them, unless
-- retention dropped its older lines), one with a value makes the 0 a known figure beside the
-- lines left out, as a run saved now has it; with no such row left, read as the first, by far
-- the usual case.
UPDATE recon_run r SET net_value = NULL, abs_value = NULL
  WHERE r.abs_value = 0 AND r.lines_without_value > 0
    AND NOT EXISTS (SELECT 1 FROM recon_line l WHERE l.run_id = r.id
      AND l.variance <> 0 AND l.variance_value IS NOT NULL);
