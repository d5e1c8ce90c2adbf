-- WMS integration (io.dockcount.wms): what came in from the WMS and what went back out.

-- One row per delivery (file, query set or API pull) that became a snapshot, with the SHA-256
-- of its content: a delivery equal to the newest one of the same kinds is not stored again.
CREATE TABLE wms_import (
  snapshot_id   BIGINT        NOT NULL PRIMARY KEY REFERENCES book_snapshot (id),
  content_hash  VARCHAR(64)   NOT NULL,
  source        VARCHAR(1000) NOT NULL,
  kinds         VARCHAR(100)  NOT NULL,   -- book,items,uom,barcodes present in the delivery
  zones         VARCHAR(4000) NOT NULL,   -- zones whose book it replaced ('' for none)
  wall          TIMESTAMP WITH TIME ZONE NOT NULL,
  clock_synced  VARCHAR(16)   NOT NULL
);
CREATE INDEX wms_import_kinds ON wms_import (kinds, snapshot_id);

-- Recount tasks (kind TASK) and inventory adjustments (kind ADJUSTMENT) handed to the WMS. A row
-- is written only after the WMS has the item (file renamed into the outbox, or INSERT
-- committed), so an item without a row is sent again; the WMS side ignores a repeat by its key.
CREATE TABLE wms_export (
  kind          VARCHAR(16)   NOT NULL CHECK (kind IN ('TASK', 'ADJUSTMENT')),
  item_key      VARCHAR(400)  NOT NULL,
  target        VARCHAR(1000) NOT NULL,   -- the outbox file or 'sql'
  wall          TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (kind, item_key)
);

-- WMS movements (picks, putaways, receipts, moves) in eaches, signed: what the WMS booked at a
-- location after a snapshot. Kept once per WMS movement id; applied to the book up to each
-- location's count time by the WMS sync.
CREATE TABLE wms_movement (
  movement_id   VARCHAR(128)  NOT NULL PRIMARY KEY,
  location      VARCHAR(64)   NOT NULL,
  sku           VARCHAR(64)   NOT NULL,
  lot           VARCHAR(64)   NOT NULL,   -- '' for no lot
  qty           BIGINT        NOT NULL,   -- + into the location, - out of it
  moved_at      TIMESTAMP WITH TIME ZONE NOT NULL,  -- the WMS's time
  kind          VARCHAR(32)   NOT NULL,
  source        VARCHAR(1000) NOT NULL
);
CREATE INDEX wms_movement_time ON wms_movement (moved_at);
