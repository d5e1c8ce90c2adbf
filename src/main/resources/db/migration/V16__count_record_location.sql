-- A zone's count records by location and round: whether a location's recount has begun, asked
-- by the notifier of each recount waiting for its zone's digest, so that the digest says the
-- recount is under way instead of asking for it again.
CREATE INDEX count_record_location ON count_record (zone, location, round);
