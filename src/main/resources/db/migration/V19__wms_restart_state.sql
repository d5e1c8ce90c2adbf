-- What the WMS sync said before a restart, so that a restart does not say it again.

-- When a movement was first logged as not applicable (its location fits no zone, it came after
-- the count, ...); null while it was not. A restart found every such movement again and
-- logged each one again.
ALTER TABLE wms_movement ADD COLUMN reported_at TIMESTAMP WITH TIME ZONE;

-- The zones the WMS's whole book (a database or API pull) has no lines for, as the sync lists
-- them: since when, from which source, and what became of their book. Kept in memory only,
-- a restart listed a zone still absent as absent since then, and an emptied zone not at all.
CREATE TABLE wms_absent_zone (
  zone          VARCHAR(64)   NOT NULL PRIMARY KEY,
  source        VARCHAR(1000) NOT NULL,
  since         TIMESTAMP WITH TIME ZONE NOT NULL,
  absence       VARCHAR(16)   NOT NULL CHECK (absence IN ('KEPT', 'EMPTIED', 'EMPTY')),
  snapshot_id   BIGINT        NOT NULL,   -- the zone's book as it stood before: its snapshot,
  book_since    TIMESTAMP WITH TIME ZONE NOT NULL,   -- when it was taken in,
  confirmed     TIMESTAMP WITH TIME ZONE NOT NULL,   -- last confirmed by the WMS,
  book_from     BIGINT        NOT NULL    -- and the snapshot whose delivery brought it
);
