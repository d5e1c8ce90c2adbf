-- A reconciliation run's lines as one compressed block instead of one row per line.
-- Saving a 50,000-location zone's run (100,000 recon_line rows) took over a second of CPU, about
-- half of the zone's reconciliation (docs/bench/service.md); the block takes some 40 ms.
-- recon_line keeps, from now on, only the lines that the WMS adjustments and the recount tasks
-- join row by row: the lines with a non-zero variance and the lines of the run's new tasks.
-- Readers that want every line (the console, reports) read the block; runs saved before this
-- migration have no block and keep all their rows, which those readers then read instead.

CREATE TABLE recon_block (
  run_id     BIGINT NOT NULL PRIMARY KEY REFERENCES recon_run (id),
  line_count INT    NOT NULL,
  lines      BLOB   NOT NULL             -- deflate; see store.RunBlocks
);
