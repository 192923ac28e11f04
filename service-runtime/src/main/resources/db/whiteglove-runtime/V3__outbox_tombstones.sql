-- A tombstone (null value) for a compacted topic: the key is deleted once compaction runs.
ALTER TABLE outbox ADD COLUMN tombstone boolean NOT NULL DEFAULT false;
