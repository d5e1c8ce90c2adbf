-- Facts about the store itself, by name. 'given_out_kept': this store has kept the highest
-- journal number it gave out in dockcount.journal-given-out beside its file since its first
-- open under this version, so a copy of it (a backup unzipped by hand onto a new card) that
-- finds no such file beside it was put in place by hand: its numbers go on from the next
-- million, and it says RESTORED.
CREATE TABLE store_meta (
  name   VARCHAR(64)  NOT NULL PRIMARY KEY,
  val    VARCHAR(200) NOT NULL
);
