-- A rule's limit counts the alerts it sent within its window. The default warning and breach rules have a limit,
-- so in an alert storm this is asked once per consumed batch while the window fills with digested alerts: the
-- index holds only what a limit counts, so each count reads at most the limit's rows, not the storm's.
CREATE INDEX delivery_rule_sent ON delivery (rule_id, created_at)
    WHERE status <> 'DIGESTED' AND channel <> 'STREAM' AND source_event_id NOT LIKE 'digest:%';
