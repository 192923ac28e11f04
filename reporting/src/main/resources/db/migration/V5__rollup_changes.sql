-- Changes of the hour cells, appended by the consumers in the transaction that changes the facts: a ticket as it was
-- taken out of its cell, as it is now put in (counters and histogram buckets may be negative). The refresher adds
-- them to the hour rows and deletes them. Before, every change marked its hour dirty and the refresher read all
-- of the hour's facts again: under intake load that was ~90,000 rows per pass for the current hour, the largest
-- cost of the reporting database. rollup_dirty stays, for whole hours (a history import).
CREATE TABLE rollup_delta (LIKE rollup_hour);
ALTER TABLE rollup_delta ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
