-- Hibernate takes decision ids from this sequence 50 at a time (pooled), so a batch's decisions go in JDBC batches.
ALTER SEQUENCE decision_id_seq INCREMENT BY 50;
