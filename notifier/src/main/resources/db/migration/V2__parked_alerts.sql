-- SLA alerts whose ticket's decision (priority, VIP tier, queue) has not reached the notifier yet: the topics are
-- read independently, so a breach can arrive before its ticket's first TicketPrioritized. Rules match on those
-- fields, so the alert waits here until the decision comes (or, failing that, a short while).
CREATE TABLE parked_alert (
    source_event_id  varchar(200)  PRIMARY KEY,
    ticket_id        varchar(64)   NOT NULL,
    alert            jsonb         NOT NULL,
    parked_at        timestamptz   NOT NULL
);
CREATE INDEX parked_alert_ticket ON parked_alert (ticket_id);
CREATE INDEX parked_alert_age ON parked_alert (parked_at);
