-- A run whose variance lines all lack a value (no cost, or the book changed since the count)
-- has an unknown net and absolute value, as reconcile's summary.json says it (null): 0.00 read
-- as nothing at stake. NULL now says so; a run with no variance at all keeps 0.
ALTER TABLE recon_run ALTER COLUMN net_value SET NULL;
ALTER TABLE recon_run ALTER COLUMN abs_value SET NULL;
-- Runs saved before: 0 beside lines without value had no valued variance, or only some at a
-- unit cost of 0 (their count was not kept); read as the first, by far the usual case.
UPDATE recon_run SET net_value = NULL, abs_value = NULL
  WHERE abs_value = 0 AND lines_without_value > 0;
