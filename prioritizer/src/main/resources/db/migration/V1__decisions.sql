-- Versioned matrix and VIP policy: a decision names the versions it used.
CREATE TABLE matrix_version (
    version     int           PRIMARY KEY,
    matrix      jsonb         NOT NULL,
    created_at  timestamptz   NOT NULL,
    created_by  varchar(200)  NOT NULL
);

CREATE TABLE vip_policy_version (
    version     int           PRIMARY KEY,
    policy      jsonb         NOT NULL,
    created_at  timestamptz   NOT NULL,
    created_by  varchar(200)  NOT NULL
);

-- What the prioritizer knows of each ticket: its inputs (hashed contact keys only) and current priority.
CREATE TABLE ticket_view (
    ticket_id       varchar(64)  PRIMARY KEY,
    impact          varchar(20)  NOT NULL,
    urgency         varchar(20)  NOT NULL,
    requester_keys  jsonb        NOT NULL,
    submitter_keys  jsonb        NOT NULL,
    vip_claimed     boolean      NOT NULL,
    priority        varchar(2)   NOT NULL,
    updated_at      timestamptz  NOT NULL
);

-- Every decision, with its explanation.
CREATE TABLE decision (
    id                 bigserial     PRIMARY KEY,
    ticket_id          varchar(64)   NOT NULL,
    source_event_id    varchar(100)  NOT NULL,
    priority           varchar(2)    NOT NULL,
    previous_priority  varchar(2),
    queue              varchar(100)  NOT NULL,
    rank               int           NOT NULL,
    vip_tier           varchar(50),
    support_model      varchar(20),
    sla_policy         varchar(100),
    matrix_version     int           NOT NULL,
    policy_version     int           NOT NULL,
    trace              jsonb         NOT NULL,
    decided_at         timestamptz   NOT NULL
);
CREATE INDEX decision_by_ticket ON decision (ticket_id, id);
