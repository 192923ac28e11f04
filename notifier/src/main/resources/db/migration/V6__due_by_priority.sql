-- Queued deliveries go out by priority with aging (DispatchPrecedence): the dispatcher reads each priority's
-- earliest due deliveries (alerts without a priority, digests, under ''), so the read stays a few index entries per
-- priority however large an alert storm's backlog is. Only pending deliveries are in it, as in delivery_due.
CREATE INDEX delivery_due_by_priority ON delivery ((coalesce(alert->>'priority', '')), next_attempt_at) WHERE status = 'PENDING';
