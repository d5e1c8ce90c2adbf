-- A scan a station held for a supervisor (a lot the book does not have there, a unit with no
-- factor) names the zone of its location and the count round it was held in, so the zone's
-- figures flag its line after a restart as before: the counted quantity leaves it out.
-- Other rejected scans, and those stored before this version, have neither.
ALTER TABLE rejected_scan ADD COLUMN zone VARCHAR(64);
ALTER TABLE rejected_scan ADD COLUMN held_round INT;
CREATE INDEX rejected_scan_held ON rejected_scan (zone, held_round);
