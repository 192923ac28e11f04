package org.whiteglove.notifier.persistence;

import org.whiteglove.notifier.domain.Alert;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Appends alerts to the live stream's history, many in one statement. */
final class StreamEvents {

    // Rows go in in list order (ORDER BY the ordinality), so the sequence numbers them in that order too.
    private static final String INSERT = "INSERT INTO stream_event (alert, created_at)"
            + " SELECT v.alert::jsonb, ? FROM unnest(?::text[]) WITH ORDINALITY AS v(alert, n) ORDER BY v.n RETURNING id";

    private StreamEvents() {
    }

    /** Stores the alerts in order; returns them with their stream ids (what clients resume from). */
    static List<StreamEventEntity> insertAll(Connection c, List<Alert> alerts, Instant now) throws SQLException {
        if (alerts.isEmpty()) {
            return List.of();
        }
        List<Long> ids = new ArrayList<>(alerts.size());
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setTimestamp(1, Timestamp.from(now));
            insert.setArray(2, c.createArrayOf("text", alerts.stream().map(AlertJson::write).toArray()));
            try (ResultSet rs = insert.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        ids.sort(null);
        List<StreamEventEntity> events = new ArrayList<>(alerts.size());
        for (int i = 0; i < alerts.size(); i++) {
            StreamEventEntity e = new StreamEventEntity();
            e.id = ids.get(i);
            e.alert = alerts.get(i);
            e.createdAt = now;
            events.add(e);
        }
        return events;
    }
}
