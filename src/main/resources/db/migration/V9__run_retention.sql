-- Retention of saved runs' lines (store.RunRetention). Each run keeps its whole zone's lines as
-- a block and its variance lines as rows, so the file grew with every run that had something new
-- (28 MB in 43 minutes of heavy closing, a few GB a week). A run more than store.keep-run-lines
-- runs old in its zone now keeps its totals (this table) and only the rows something still reads:
-- the lines its recount tasks point at and the lines a supervisor's decision or a confirmation
-- took their figures from. Everything else of it can be computed again from the journal and the
-- book snapshot, which are never dropped. This column says when its other lines were dropped.

ALTER TABLE recon_run ADD COLUMN lines_dropped_at TIMESTAMP WITH TIME ZONE;
