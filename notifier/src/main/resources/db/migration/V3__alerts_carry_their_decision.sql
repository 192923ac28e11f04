-- SLA alerts now carry their ticket's decision (priority, VIP tier, queue) in the event itself, so they are
-- routed on arrival and no longer wait for the decision. No release shipped with V2, so nothing is parked.
DROP TABLE parked_alert;
