-- The book a zone had in force under a snapshot (WMS movements applied) at each SKU and
-- location a movement moved, as it last stood: what counts taken under that snapshot were
-- compared with. A newer snapshot that includes such a movement is checked against it, so it
-- reads as no book change; the zone kept this in memory only, so a restart between the
-- movement and the newer book sent a correctly counted location to recount.
CREATE TABLE moved_book (
  zone        VARCHAR(64) NOT NULL,
  snapshot_id BIGINT      NOT NULL,
  location    VARCHAR(64) NOT NULL,
  sku         VARCHAR(64) NOT NULL,
  eaches      BIGINT      NOT NULL,      -- lots added up; may be negative
  PRIMARY KEY (zone, snapshot_id, location, sku)
);
