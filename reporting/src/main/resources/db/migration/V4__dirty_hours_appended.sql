-- Marks of dirty hours are appended, never upserted. An upsert locked the hour's row, and the refresher held that
-- row for its whole pass: every consumer batch touching the current hour waited for a full roll-up of it. Now the
-- refresher deletes the marks its statement sees, then reads the facts; a mark committed after that delete
-- survives, and its hour is rolled up again on the next pass.
ALTER TABLE rollup_dirty DROP CONSTRAINT rollup_dirty_pkey;
CREATE INDEX rollup_dirty_hour ON rollup_dirty (hour);
