-- Settings managers edit: business calendars and SLA policies (P1–P5 and named ones), one JSON document each.
CREATE TABLE business_calendar (
    name        varchar(63)   PRIMARY KEY,
    calendar    jsonb         NOT NULL,
    version     int           NOT NULL,
    updated_at  timestamptz   NOT NULL,
    updated_by  varchar(200)  NOT NULL
);

CREATE TABLE sla_policy (
    name        varchar(63)   PRIMARY KEY,
    policy      jsonb         NOT NULL,
    version     int           NOT NULL,
    updated_at  timestamptz   NOT NULL,
    updated_by  varchar(200)  NOT NULL
);

-- What the monitor knows of a ticket. Its clocks start once both its opening (ticket.events) and its
-- first decision (ticket.priorities) have arrived; status changes that come earlier wait in early_changes.
CREATE TABLE ticket_sla (
    ticket_id       varchar(64)   PRIMARY KEY,
    opened_at       timestamptz,
    status          varchar(20),
    priority        varchar(2),
    sla_policy      varchar(63),
    queue           varchar(100),
    vip_tier        varchar(100),
    clocks_started  boolean       NOT NULL DEFAULT false,
    early_changes   jsonb         NOT NULL DEFAULT '[]',
    updated_at      timestamptz   NOT NULL
);

-- One row per clock (RESPONSE, RESOLUTION). next_due_at is the durable timer: the moment of the next
-- milestone to fire (warning, breach, escalation), null while paused or stopped.
CREATE TABLE sla_clock (
    ticket_id         varchar(64)   NOT NULL,
    clock             varchar(10)   NOT NULL,
    policy            varchar(63)   NOT NULL,
    priority          varchar(2)    NOT NULL,
    calendar          varchar(63)   NOT NULL,
    target_ms         bigint        NOT NULL,
    milestones        jsonb         NOT NULL,
    started_at        timestamptz   NOT NULL,
    excluded          jsonb         NOT NULL,
    paused_since      timestamptz,
    stopped_at        timestamptz,
    state             varchar(10)   NOT NULL,
    deadline          timestamptz   NOT NULL,
    deadline_version  int           NOT NULL,
    fired             jsonb         NOT NULL,
    next_due_at       timestamptz,
    next_milestone    varchar(60),
    queue             varchar(100),
    vip_tier          varchar(100),
    updated_at        timestamptz   NOT NULL,
    PRIMARY KEY (ticket_id, clock)
);

CREATE INDEX sla_clock_next_due ON sla_clock (next_due_at) WHERE next_due_at IS NOT NULL;
CREATE INDEX sla_clock_running_deadline ON sla_clock (deadline) WHERE state = 'RUNNING';
