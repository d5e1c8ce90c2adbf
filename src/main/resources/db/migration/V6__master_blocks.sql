-- Book snapshots and master data as compressed blocks instead of one row per line.
-- A 1,000,000-line book stored as rows took over a minute on a quiet x86 machine, several on a
-- loaded one, and grew the H2 file by more than 1 GB on its way (docs/STORE.md); nothing ever
-- queried those rows one by one: a zone reads the book of a snapshot whole, the WMS sync reads
-- the newest snapshot whole, and items, UOM and barcodes are kept for audit only.
-- A database that had rows here loses the lines of its earlier snapshots (their ids, sources
-- and hashes stay); counts taken under them are then compared with the current book only.

CREATE TABLE book_block (
  snapshot_id BIGINT NOT NULL PRIMARY KEY REFERENCES book_snapshot (id),
  line_count  INT    NOT NULL,
  lines       BLOB   NOT NULL             -- gzip; per line location, sku, lot, eaches
);

CREATE TABLE master_file (
  kind      VARCHAR(16) NOT NULL PRIMARY KEY,   -- items, uom, barcodes: the data in force
  row_count INT         NOT NULL,
  content   BLOB        NOT NULL                -- gzip; see store.MasterBlocks
);

DROP TABLE book_line;
DROP TABLE barcode;
DROP TABLE uom;
DROP TABLE item;
