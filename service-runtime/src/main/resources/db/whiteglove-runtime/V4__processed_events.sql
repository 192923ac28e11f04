-- The idempotent consumer's memory: an event id (ce_id) seen by a consumer is never processed again.
CREATE TABLE processed_event (
    consumer      varchar(100) NOT NULL,
    event_id      varchar(100) NOT NULL,
    processed_at  timestamptz  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
