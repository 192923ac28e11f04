-- Hibernate takes history ids from this sequence 50 at a time (pooled), so a ticket's history rows go in one JDBC batch.
ALTER SEQUENCE ticket_history_id_seq INCREMENT BY 50;
