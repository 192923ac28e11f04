-- Transactional outbox: an event is written here in the same transaction as the state change it
-- describes, and the relay publishes it to Kafka after commit, then deletes the row.
CREATE TABLE outbox (
    id           bigserial    PRIMARY KEY,
    topic        varchar(200) NOT NULL,
    message_key  varchar(200) NOT NULL,
    event_id     uuid         NOT NULL UNIQUE,
    event_type   varchar(200) NOT NULL,
    event_source varchar(200) NOT NULL,
    event_time   timestamptz  NOT NULL,
    payload      bytea        NOT NULL,
    created_at   timestamptz  NOT NULL DEFAULT clock_timestamp()
);
