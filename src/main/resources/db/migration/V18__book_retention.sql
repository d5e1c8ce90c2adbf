-- Retention of WMS book snapshots (store.BookRetention). Every delivery was kept whole, so the
-- file grew with each delivery for as long as the service ran (a 20,000-line book about 0.2 MB
-- each: 5 MB a simulated day at one delivery an hour, whether anyone counted or not). A
-- delivery older than the newest two keeps its lines only at the locations counted under it,
-- which is all a zone ever reads of an earlier snapshot; its id, source, content hash and line
-- count stay. This column says when its other lines were dropped (NULL: whole).

ALTER TABLE book_snapshot ADD COLUMN lines_trimmed_at TIMESTAMP WITH TIME ZONE;
