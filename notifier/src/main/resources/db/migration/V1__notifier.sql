-- Routing rules, one JSON document each.
CREATE TABLE rule (
    id          varchar(36)   PRIMARY KEY,
    rule        jsonb         NOT NULL,
    updated_at  timestamptz   NOT NULL,
    updated_by  varchar(200)  NOT NULL
);

-- What the notifier knows of a ticket, for messages (number, subject) and for suppression (status).
CREATE TABLE ticket_view (
    ticket_id      varchar(64)   PRIMARY KEY,
    ticket_number  varchar(40),
    subject        varchar(500),
    priority       varchar(2),
    vip_tier       varchar(100),
    queue          varchar(100),
    status         varchar(20),
    updated_at     timestamptz   NOT NULL
);

-- One row per (source event, rule, channel, recipient): the unique key makes the effect exactly once.
CREATE TABLE delivery (
    id               uuid          PRIMARY KEY,
    source_event_id  varchar(200)  NOT NULL,
    rule_id          varchar(36)   NOT NULL,
    rule_name        varchar(200)  NOT NULL,
    channel          varchar(10)   NOT NULL,
    recipient        varchar(1000) NOT NULL,
    ticket_id        varchar(64),
    alert            jsonb         NOT NULL,
    status           varchar(12)   NOT NULL,
    attempts         int           NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_error       text,
    created_at       timestamptz   NOT NULL,
    finished_at      timestamptz,
    UNIQUE (source_event_id, rule_id, channel, recipient)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX delivery_ticket ON delivery (ticket_id, created_at);
CREATE INDEX delivery_rule_recent ON delivery (rule_id, created_at);

-- Every attempt and its outcome: the delivery log.
CREATE TABLE delivery_attempt (
    id           bigserial     PRIMARY KEY,
    delivery_id  uuid          NOT NULL REFERENCES delivery (id),
    attempt      int           NOT NULL,
    at           timestamptz   NOT NULL,
    outcome      varchar(20)   NOT NULL,
    detail       text
);
CREATE INDEX delivery_attempt_of ON delivery_attempt (delivery_id, attempt);

-- The live stream's history: its ids are the SSE event ids a client resumes from (Last-Event-ID).
CREATE TABLE stream_event (
    id          bigserial     PRIMARY KEY,
    alert       jsonb         NOT NULL,
    created_at  timestamptz   NOT NULL
);

CREATE TABLE escalation_ack (
    escalation_id  varchar(200)  PRIMARY KEY,
    acked_by       varchar(200)  NOT NULL,
    acked_at       timestamptz   NOT NULL
);
