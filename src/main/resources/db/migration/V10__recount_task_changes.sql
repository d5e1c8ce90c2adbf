-- A recount task takes a later count's figures when it waited for one (a zone closed with the
-- line uncounted, or a location a supervisor sent back: RunRecord.awaitsCount), and the WMS may
-- have been sent the task before that. The row kept only its latest figures, and its creation
-- time (the wall of its run) moved with them. Now the run that created it stays, and each
-- version a later run replaced is kept, for inventory control's audit.

ALTER TABLE recount_task ADD COLUMN first_run_id BIGINT;
UPDATE recount_task SET first_run_id = run_id;

CREATE TABLE recount_task_change (
  task_id         BIGINT       NOT NULL REFERENCES recount_task (id),
  replaced_by_run BIGINT       NOT NULL,  -- the run whose figures replaced these
  run_id          BIGINT       NOT NULL,  -- the run these figures came from
  variance        BIGINT,
  variance_value  NUMERIC(24, 9),
  reason          VARCHAR(1000) NOT NULL,
  PRIMARY KEY (task_id, replaced_by_run)
);
