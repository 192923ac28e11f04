-- The ticket record. Contact details stay here; events carry hashed contact keys only.
CREATE SEQUENCE ticket_number_seq;

CREATE TABLE ticket (
    id                  uuid         PRIMARY KEY,
    number              varchar(20)  NOT NULL UNIQUE,
    channel             varchar(10)  NOT NULL,
    status              varchar(20)  NOT NULL,
    subject             varchar(500) NOT NULL,
    description         text,
    category            varchar(100),
    affected_service    varchar(100),
    impact              varchar(20)  NOT NULL,
    urgency             varchar(20)  NOT NULL,
    assignee            varchar(200),
    requester_name      varchar(200),
    requester_email     varchar(320),
    requester_phone     varchar(20),
    submitter_name      varchar(200),
    submitter_email     varchar(320),
    submitter_phone     varchar(20),
    vip_claimed         boolean      NOT NULL,
    source_ref          varchar(500),
    speed_of_answer_ms  bigint,
    attachments         jsonb        NOT NULL DEFAULT '[]',
    opened_at           timestamptz  NOT NULL,
    updated_at          timestamptz  NOT NULL,
    first_responded_at  timestamptz,
    resolved_at         timestamptz,
    closed_at           timestamptz
);

-- Everything that happened to a ticket, in order: the events it published and notes such as customer replies.
CREATE TABLE ticket_history (
    id         bigserial    PRIMARY KEY,
    ticket_id  uuid         NOT NULL REFERENCES ticket (id),
    at         timestamptz  NOT NULL,
    actor      varchar(200) NOT NULL,
    kind       varchar(60)  NOT NULL,
    event_id   uuid,
    detail     text         NOT NULL
);
CREATE INDEX ticket_history_by_ticket ON ticket_history (ticket_id, id);

-- What makes intake exactly-once: an API idempotency key (scoped by caller), an email Message-ID or an
-- ACD call id maps to one ticket. The key row is written first; the ticket check waits for commit so
-- a concurrent duplicate finds the key instead of creating a second ticket.
CREATE TABLE intake_key (
    kind          varchar(20)  NOT NULL,
    key           varchar(600) NOT NULL,
    request_hash  char(64),
    ticket_id     uuid         NOT NULL,
    created_at    timestamptz  NOT NULL,
    PRIMARY KEY (kind, key),
    CONSTRAINT intake_key_ticket FOREIGN KEY (ticket_id) REFERENCES ticket (id) DEFERRABLE INITIALLY DEFERRED
);
CREATE INDEX intake_key_age ON intake_key (created_at) WHERE kind = 'IDEMPOTENCY_KEY';
