package org.whiteglove.notifier.persistence;

import org.whiteglove.events.NotificationChannel;
import org.whiteglove.events.Priority;
import org.whiteglove.events.TimeOrderedIds;
import org.whiteglove.notifier.domain.Alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Inserts deliveries unless one with their key (source event, rule, channel, recipient) exists: exactly once.
 * A consumed batch's deliveries go in one statement: an alert storm is tens of thousands of them.
 */
public final class DeliveryRows {

    /**
     * How long a message waits for its ticket's opening (number, subject) when the alert came first: the topics are read
     * independently. The delivery is due at the end of the wait, and is made due at once when the opening arrives
     * ({@link #releaseAwaiting}), so waiting costs nothing per second.
     */
    public static final Duration WAIT_FOR_TICKET = Duration.ofSeconds(30);

    /**
     * A delivery's priority class in SQL: its alert's priority, '' for none (digests). The limits count per class and
     * the dispatcher reads each class's earliest from the index {@code delivery_due_by_priority}, whose expression
     * this is, word for word, so the planner matches it.
     */
    public static final String PRIORITY_CLASS = "coalesce(alert->>'priority', '')";

    /** Every priority class, the one without a priority last. */
    public static final List<String> PRIORITY_CLASSES = Stream.concat(Arrays.stream(Priority.values()).map(Priority::name), Stream.of("")).toList();

    public static String priorityClass(Priority priority) {
        return priority == null ? "" : priority.name();
    }

    public static Priority priorityOf(String priorityClass) {
        return priorityClass.isEmpty() ? null : Priority.valueOf(priorityClass);
    }

    /**
     * Deliveries waiting for their ticket's opening made due now: pending, due within the wait (bounded on both sides,
     * so even a generic plan reads the due index), the alert without a ticket number. Parameters: now, now, now + wait.
     */
    private static final String RELEASE_AWAITING = "UPDATE delivery d SET next_attempt_at = ? WHERE d.status = 'PENDING'"
            + " AND d.next_attempt_at > ? AND d.next_attempt_at <= ? AND d.ticket_id IS NOT NULL AND d.alert->>'ticketNumber' IS NULL";

    private static final String INSERT = "INSERT INTO delivery (id, source_event_id, rule_id, rule_name, channel, recipient,"
            + " ticket_id, alert, status, attempts, next_attempt_at, created_at, finished_at)"
            + " SELECT v.id::uuid, v.source_event_id, v.rule_id, v.rule_name, v.channel, v.recipient, v.ticket_id, v.alert::jsonb,"
            + " v.status, v.attempts, v.next_attempt_at, v.created_at, v.finished_at"
            + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::int[], ?::timestamptz[], ?::timestamptz[], ?::timestamptz[])"
            + " AS v(id, source_event_id, rule_id, rule_name, channel, recipient, ticket_id, alert, status, attempts,"
            + " next_attempt_at, created_at, finished_at)"
            + " ON CONFLICT (source_event_id, rule_id, channel, recipient) DO NOTHING"
            + " RETURNING source_event_id, rule_id, channel, recipient";

    /** What makes a delivery unique. */
    public record Key(String sourceEventId, String ruleId, NotificationChannel channel, String recipient) {
    }

    /**
     * One delivery to write.
     *
     * @param status PENDING (sent at {@code due}), DELIVERED (the stream) or DIGESTED
     */
    public record Row(String sourceEventId, Alert alert, String ruleId, String ruleName, NotificationChannel channel,
                      String recipient, String status, Instant due, Instant now) {

        public Key key() {
            return new Key(sourceEventId, ruleId, channel, recipient);
        }
    }

    private DeliveryRows() {
    }

    /** Inserts the rows (of repeated keys, the first); returns the keys that were new. */
    public static Set<Key> insertAll(Connection c, Collection<Row> rows) throws SQLException {
        Map<Key, Row> distinct = new LinkedHashMap<>();
        rows.forEach(r -> distinct.putIfAbsent(r.key(), r));
        if (distinct.isEmpty()) {
            return Set.of();
        }
        List<Row> list = List.copyOf(distinct.values());
        Set<Key> inserted = new HashSet<>();
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            int i = 1;
            insert.setArray(i++, texts(c, list, r -> TimeOrderedIds.next().toString()));
            insert.setArray(i++, texts(c, list, Row::sourceEventId));
            insert.setArray(i++, texts(c, list, Row::ruleId));
            insert.setArray(i++, texts(c, list, Row::ruleName));
            insert.setArray(i++, texts(c, list, r -> r.channel().name()));
            insert.setArray(i++, texts(c, list, Row::recipient));
            insert.setArray(i++, texts(c, list, r -> r.alert().ticketId()));
            insert.setArray(i++, texts(c, list, r -> AlertJson.write(r.alert())));
            insert.setArray(i++, texts(c, list, Row::status));
            insert.setArray(i++, c.createArrayOf("int", list.stream().map(r -> r.channel() == NotificationChannel.STREAM ? 1 : 0).toArray()));
            insert.setArray(i++, times(c, list, r -> pending(r) ? r.due() : null));
            insert.setArray(i++, times(c, list, Row::now));
            insert.setArray(i, times(c, list, r -> pending(r) ? null : r.now()));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    inserted.add(new Key(rs.getString(1), rs.getString(2), NotificationChannel.valueOf(rs.getString(3)), rs.getString(4)));
                }
            }
        }
        return inserted;
    }

    /**
     * Makes the deliveries waiting for these tickets' openings due {@code now} (the openings are known as of this
     * transaction). Returns how many.
     */
    public static int releaseAwaiting(Connection c, Collection<String> ticketIds, Instant now) throws SQLException {
        if (ticketIds.isEmpty()) {
            return 0;
        }
        try (PreparedStatement release = c.prepareStatement(RELEASE_AWAITING + " AND d.ticket_id = ANY (?)")) {
            bindAwaiting(release, now);
            release.setArray(4, c.createArrayOf("text", ticketIds.toArray()));
            return release.executeUpdate();
        }
    }

    /**
     * Makes due the deliveries still waiting for a ticket whose opening has arrived: the opening's batch releases them
     * itself ({@link #releaseAwaiting}), but one that committed while an alert's batch was being written saw none of
     * that batch's deliveries. Returns how many.
     */
    public static int releaseAwaitingKnownTickets(Connection c, Instant now) throws SQLException {
        try (PreparedStatement release = c.prepareStatement(RELEASE_AWAITING
                + " AND EXISTS (SELECT 1 FROM ticket_view v WHERE v.ticket_id = d.ticket_id AND v.ticket_number IS NOT NULL)")) {
            bindAwaiting(release, now);
            return release.executeUpdate();
        }
    }

    private static void bindAwaiting(PreparedStatement release, Instant now) throws SQLException {
        release.setTimestamp(1, Timestamp.from(now));
        release.setTimestamp(2, Timestamp.from(now));
        release.setTimestamp(3, Timestamp.from(now.plus(WAIT_FOR_TICKET)));
    }

    private static boolean pending(Row r) {
        return "PENDING".equals(r.status());
    }

    private static java.sql.Array texts(Connection c, List<Row> rows, Function<Row, String> column) throws SQLException {
        return c.createArrayOf("text", rows.stream().map(column).toArray());
    }

    private static java.sql.Array times(Connection c, List<Row> rows, Function<Row, Instant> column) throws SQLException {
        return c.createArrayOf("timestamptz", rows.stream().map(column).map(t -> t == null ? null : Timestamp.from(t)).toArray());
    }
}
