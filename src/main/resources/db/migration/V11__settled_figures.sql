-- What a location was settled on (the figures of its lines, and the book the zone had there
-- under which snapshot), kept with its RESOLVED event. A confirmation is refused when a WMS
-- movement has moved that book since; the zone kept this in memory only, so a restart between
-- the settling and the confirmation let such a confirmation post figures the WMS had corrected.
-- Null for every other event, and for locations settled before this version.
ALTER TABLE location_event ADD COLUMN settled VARCHAR(1000000);
