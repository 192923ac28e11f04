package org.whiteglove.runtime.inbox;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.whiteglove.runtime.inbox.RecordBatches.Received;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
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

    /**
     * The records of {@code batch} that {@code consumer} sees for the first time, in their order, recorded in one
     * statement (one round trip per batch, not per event); an id twice in one batch (a redelivery) is kept once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Received> firstDeliveries(String consumer, List<Received> batch) {
        Set<String> first = firstDeliveries(consumer, batch.stream().map(r -> r.headers().id()).toList());
        List<Received> unseen = new ArrayList<>(first.size());
        for (Received r : batch) {
            if (first.remove(r.headers().id())) {
                unseen.add(r);
            }
        }
        return unseen;
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
