-- The relay asks for the oldest rows (ORDER BY id LIMIT n) of a table that empties every few milliseconds. When
-- vacuum truncated the emptied table to 0 pages, PostgreSQL planned that query as a scan of the whole table plus a
-- sort, and kept the plan while the table filled again with rows and dead rows: 320 page reads per relay pass under
-- load instead of a few. Keeping the pages (empty, reused by the next inserts) keeps the index the cheaper plan.
ALTER TABLE outbox SET (vacuum_truncate = false);
