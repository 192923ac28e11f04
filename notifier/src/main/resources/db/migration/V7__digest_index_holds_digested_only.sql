-- The digest of a rule's window reads the alerts it held back (status DIGESTED) by rule and time, and nothing else
-- reads delivery by rule and time without delivery_rule_sent's conditions. So the index holds only those rows: the
-- stream's row of every alert and every sent email or webhook no longer add an entry (an alert storm writes one
-- stream row per alert).
DROP INDEX delivery_rule_recent;
CREATE INDEX delivery_rule_digested ON delivery (rule_id, created_at) WHERE status = 'DIGESTED';
