-- V17 took a run saved before it with 0 beside lines without value for one with no valued
-- variance. Where the run still keeps its variance lines as rows (all of them, unless retention
-- dropped its older lines), they tell: a variance line with a value (a unit cost of 0) makes the
-- 0 a known figure beside the lines left out, as a run saved now has it. A run saved since V17
-- with NULL has no such line, so it is left as it is.
UPDATE recon_run r SET net_value = 0, abs_value = 0
  WHERE r.net_value IS NULL AND EXISTS (SELECT 1 FROM recon_line l WHERE l.run_id = r.id
    AND l.variance <> 0 AND l.variance_value IS NOT NULL);
