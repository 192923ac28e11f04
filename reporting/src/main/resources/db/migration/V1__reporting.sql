-- The reporting store: one fact row per ticket, folded from every topic, and cohort rollups by the hour
-- (and local day) the ticket was opened, which every report and the dashboard read.

CREATE TABLE ticket_fact (
    ticket_id               text PRIMARY KEY,
    ticket_number           text,
    opened_at               timestamptz,
    channel                 text,
    category                text,
    after_hours             boolean,
    vip_claimed             boolean NOT NULL DEFAULT false,
    speed_of_answer_ms      bigint,
    priority                text,
    first_priority          text,
    priority_changes        int     NOT NULL DEFAULT 0,
    queue                   text,
    vip_tier                text,
    vip_match               text,
    support_model           text,
    decided_at              timestamptz,
    status                  text,
    status_at               timestamptz,
    first_response_at       timestamptz,
    resolved_at             timestamptz,
    closed_at               timestamptz,
    reopened                int     NOT NULL DEFAULT 0,
    response_warned         boolean NOT NULL DEFAULT false,
    response_breached       boolean NOT NULL DEFAULT false,
    response_stopped_at     timestamptz,
    response_within         boolean,
    response_business_ms    bigint,
    resolution_warned       boolean NOT NULL DEFAULT false,
    resolution_breached     boolean NOT NULL DEFAULT false,
    resolution_stopped_at   timestamptz,
    resolution_within       boolean,
    resolution_business_ms  bigint,
    warnings                int     NOT NULL DEFAULT 0,
    breaches                int     NOT NULL DEFAULT 0,
    escalations             int     NOT NULL DEFAULT 0,
    notifications_delivered int     NOT NULL DEFAULT 0,
    notifications_failed    int     NOT NULL DEFAULT 0
);
CREATE INDEX ticket_fact_opened_at ON ticket_fact (opened_at);

-- The VIP population over time (vip.registry keeps only the latest record per person).
CREATE TABLE vip_member (
    person_id     text PRIMARY KEY,
    tier          text        NOT NULL,
    valid_from    timestamptz,
    valid_until   timestamptz,
    first_seen_at timestamptz NOT NULL,
    removed_at    timestamptz,
    changed_at    timestamptz NOT NULL
);

-- Opened hours whose rollup rows must be computed again from the facts.
CREATE TABLE rollup_dirty (
    hour timestamptz PRIMARY KEY
);

-- A cohort cell: tickets opened in one hour (or local day) with one priority, VIP tier ('' = not VIP),
-- channel and queue. Durations are sparse histograms of seconds (see DurationHistogram).
CREATE TABLE rollup_hour (
    bucket                     timestamptz NOT NULL,
    priority                   text        NOT NULL,
    vip_tier                   text        NOT NULL,
    channel                    text        NOT NULL,
    queue                      text        NOT NULL,
    opened                     int         NOT NULL,
    after_hours                int         NOT NULL,
    claims_rejected            int         NOT NULL,
    reprioritized              int         NOT NULL,
    answered_calls             int         NOT NULL,
    speed_of_answer_ms         bigint      NOT NULL,
    responded                  int         NOT NULL,
    response_met               int         NOT NULL,
    response_breached          int         NOT NULL,
    resolved                   int         NOT NULL,
    resolution_met             int         NOT NULL,
    resolution_breached        int         NOT NULL,
    closed                     int         NOT NULL,
    reopened                   int         NOT NULL,
    warnings                   int         NOT NULL,
    breaches                   int         NOT NULL,
    escalations                int         NOT NULL,
    notifications_delivered    int         NOT NULL,
    notifications_failed       int         NOT NULL,
    after_hours_response_met   int         NOT NULL,
    after_hours_response_breached int      NOT NULL,
    after_hours_resolution_met int         NOT NULL,
    after_hours_resolution_breached int    NOT NULL,
    open_now                   int         NOT NULL,
    at_risk_now                int         NOT NULL,
    breached_open_now          int         NOT NULL,
    response_business          bytea       NOT NULL,
    response_calendar          bytea       NOT NULL,
    resolution_business        bytea       NOT NULL,
    resolution_calendar        bytea       NOT NULL,
    PRIMARY KEY (bucket, priority, vip_tier, channel, queue)
);

CREATE TABLE rollup_day (LIKE rollup_hour INCLUDING ALL);
ALTER TABLE rollup_day ALTER COLUMN bucket TYPE date;
-- Backlog reads every cohort that still has open tickets, whatever its age.
CREATE INDEX rollup_day_open ON rollup_day (bucket) WHERE open_now > 0;
