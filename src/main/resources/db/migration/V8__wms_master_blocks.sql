-- The items, units and barcodes each WMS delivery brought, per delivery and kind, as compressed
-- blocks (store.MasterBlocks). A restart restores the newest of each kind the WMS delivered:
-- before, only the book was kept per snapshot, and a restart fell back to the start-up files'
-- costs, units and barcodes until the WMS delivered those kinds again.

CREATE TABLE wms_master_block (
  snapshot_id BIGINT      NOT NULL REFERENCES book_snapshot (id),
  kind        VARCHAR(16) NOT NULL,   -- items, uom, barcodes
  row_count   INT         NOT NULL,
  content     BLOB        NOT NULL,   -- gzip
  PRIMARY KEY (snapshot_id, kind)
);
