package org.whiteglove.runtime.inbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes a consumer idempotent: it records the event id in the consumer's own transaction, so the event's
 * effects and the record commit together, and a redelivered event (same ce_id) is recognized.
 */
@ApplicationScoped
public class Inbox {

    private final AgroalDataSource dataSource;

    public Inbox(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** True the first time {@code consumer} sees {@code eventId}; false for a redelivery. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstDelivery(String consumer, String eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO whiteglove_runtime.processed_event (consumer, event_id)"
                     + " VALUES (?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, consumer);
            insert.setString(2, eventId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the processed event", e);
        }
    }

    /** The ids among {@code eventIds} that {@code consumer} sees for the first time, recorded in one statement. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> firstDeliveries(String consumer, Collection<String> eventIds) {
        Set<String> first = new HashSet<>();
        if (eventIds.isEmpty()) {
            return first;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO whiteglove_runtime.processed_event (consumer, event_id)"
                     + " SELECT ?, id FROM (SELECT DISTINCT unnest(?::text[]) AS id ORDER BY 1) ids ON CONFLICT DO NOTHING RETURNING event_id")) {
            insert.setString(1, consumer);
            insert.setArray(2, c.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    first.add(rows.getString(1));
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the processed events", e);
        }
    }
}
