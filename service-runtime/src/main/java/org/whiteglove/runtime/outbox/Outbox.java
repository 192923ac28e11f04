package org.whiteglove.runtime.outbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.EventType;
import org.whiteglove.events.TimeOrderedIds;
import org.whiteglove.events.WhitegloveEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Publishes events without dual writes: the event row is written in the caller's transaction (at its end), so
 * it exists exactly when the state change it describes does; {@link OutboxRelay} sends it after commit.
 * Per-aggregate order holds when callers lock the aggregate's row before publishing (the id sequence
 * then follows commit order for that aggregate).
 */
@ApplicationScoped
public class Outbox {

    private static final Object PENDING = new Object();
    private static final String INSERT = "INSERT INTO whiteglove_runtime.outbox"
            + " (topic, message_key, event_id, event_type, event_source, event_time, payload, tombstone)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final OutboxConfig config;

    public Outbox(AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay,
                  OutboxConfig config) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
        this.config = config;
    }

    /** Writes {@code event} in the current transaction and returns its CloudEvents headers (its id). */
    @Transactional(Transactional.TxType.MANDATORY)
    public CloudEventHeaders publish(WhitegloveEvent event) {
        CloudEventHeaders headers = CloudEventHeaders.forEvent(event, config.source(), Instant.now());
        pending().add(new Row(EventType.of(event).topic(), event.aggregateId(), headers, EventJson.toBytes(event), false));
        return headers;
    }

    /**
     * An event and the natural key its id derives from (e.g. a timer's ticket, clock, milestone and deadline
     * version): if the same fact were ever published twice, consumers would see one event id and keep one.
     * {@code keyedAt} is a moment as fixed as the key (e.g. that deadline), which leads the id so that ids sort by
     * it ({@link TimeOrderedIds#fromKey}).
     */
    public record Keyed(WhitegloveEvent event, String naturalKey, Instant keyedAt) {
    }

    /** Many events, in list order, each with the id its natural key gives it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishAll(List<Keyed> events) {
        List<Row> rows = pending();
        for (Keyed k : events) {
            rows.add(new Row(EventType.of(k.event()).topic(), k.event().aggregateId(), headersFor(k),
                    EventJson.toBytes(k.event()), false));
        }
    }

    private CloudEventHeaders headersFor(Keyed k) {
        String id = TimeOrderedIds.fromKey(k.keyedAt(), k.naturalKey()).toString();
        return new CloudEventHeaders(id, EventType.of(k.event()).ceType(), config.source(), Instant.now());
    }

    /**
     * A record that is not one of the contract's events (e.g. a dead-letter record written in the same
     * transaction as the state it reports), with {@code type} as its ce_type.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishRecord(String topic, String key, String type, byte[] payload) {
        pending().add(new Row(topic, key, new CloudEventHeaders(TimeOrderedIds.next().toString(), type, config.source(), Instant.now()),
                payload, false));
    }

    /**
     * Writes a tombstone (a null value) for {@code key} on a compacted {@code topic}, after any event
     * published for that key in this transaction. It carries no CloudEvents headers: it is not an event.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void publishTombstone(String topic, String key) {
        CloudEventHeaders row = new CloudEventHeaders(TimeOrderedIds.next().toString(), "tombstone", config.source(), Instant.now());
        pending().add(new Row(topic, key, row, new byte[0], true));
    }

    /** An outbox row waiting for its transaction's end. */
    private record Row(String topic, String key, CloudEventHeaders headers, byte[] payload, boolean tombstone) {
    }

    /**
     * This transaction's rows, written in one JDBC batch just before it commits: a consumer's batch of a hundred
     * events costs one round trip for its outbox, not a hundred. Order is kept (list order, then the id sequence).
     */
    @SuppressWarnings("unchecked")
    private List<Row> pending() {
        List<Row> rows = (List<Row>) transactions.getResource(PENDING);
        if (rows != null) {
            return rows;
        }
        List<Row> created = new ArrayList<>();
        transactions.putResource(PENDING, created);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // Not called for a transaction that rolls back; a failure here rolls it back.
                write(created);
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED && !created.isEmpty()) {
                    relay.wake();
                }
            }
        });
        return created;
    }

    private void write(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // Within a JTA transaction Agroal hands out the transaction's own connection: same commit as the caller.
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Row r : rows) {
                bind(insert, r.topic(), r.key(), r.headers(), r.payload(), r.tombstone());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write the outbox", e);
        }
    }

    private static void bind(PreparedStatement insert, String topic, String key, CloudEventHeaders headers, byte[] payload,
                             boolean tombstone) throws SQLException {
        insert.setString(1, topic);
        insert.setString(2, key);
        insert.setObject(3, UUID.fromString(headers.id()));
        insert.setString(4, headers.type());
        insert.setString(5, headers.source());
        insert.setTimestamp(6, Timestamp.from(headers.time()));
        insert.setBytes(7, payload);
        insert.setBoolean(8, tombstone);
    }

}
