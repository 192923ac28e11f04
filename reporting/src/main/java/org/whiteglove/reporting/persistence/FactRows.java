package org.whiteglove.reporting.persistence;

import org.whiteglove.reporting.domain.TicketFact;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Ticket facts as stored: read for the rollups, and before and after a consumer batch changes them. */
final class FactRows {

    private FactRows() {
    }

    /**
     * The facts of {@code ticketIds}, locked until the transaction ends: a row is created first where none exists,
     * so two batches changing one new ticket take turns, and the later one reads what the earlier one wrote.
     * Locks are taken in one order ({@code ticketIds} sorted as Java sorts strings, which "C" collation follows).
     */
    static Map<String, TicketFact> lock(Connection c, Collection<String> ticketIds) throws SQLException {
        try (PreparedStatement create = c.prepareStatement(
                "INSERT INTO ticket_fact (ticket_id) SELECT unnest(?::text[]) ON CONFLICT (ticket_id) DO NOTHING")) {
            create.setArray(1, c.createArrayOf("text", ticketIds.toArray()));
            create.executeUpdate();
        }
        return read(c, ticketIds, " ORDER BY ticket_id COLLATE \"C\" FOR UPDATE");
    }

    /** The facts of {@code ticketIds} as they are now in this transaction. */
    static Map<String, TicketFact> read(Connection c, Collection<String> ticketIds) throws SQLException {
        return read(c, ticketIds, "");
    }

    private static Map<String, TicketFact> read(Connection c, Collection<String> ticketIds, String suffix) throws SQLException {
        Map<String, TicketFact> facts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT * FROM ticket_fact WHERE ticket_id = ANY(?::text[])" + suffix)) {
            select.setArray(1, c.createArrayOf("text", ticketIds.toArray()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    facts.put(rows.getString("ticket_id"), fact(rows));
                }
            }
        }
        return facts;
    }

    static TicketFact fact(ResultSet rows) throws SQLException {
        Long speedMs = Jdbc.nullableLong(rows, "speed_of_answer_ms");
        Long responseMs = Jdbc.nullableLong(rows, "response_business_ms");
        Long resolutionMs = Jdbc.nullableLong(rows, "resolution_business_ms");
        return new TicketFact(
                Jdbc.instant(rows, "opened_at"),
                rows.getString("channel"),
                Boolean.TRUE.equals(Jdbc.nullableBoolean(rows, "after_hours")),
                speedMs == null ? null : Duration.ofMillis(speedMs),
                rows.getString("priority"),
                rows.getInt("priority_changes"),
                rows.getString("queue"),
                rows.getString("vip_tier"),
                "CLAIM_REJECTED".equals(rows.getString("vip_match")),
                rows.getString("status"),
                Jdbc.instant(rows, "first_response_at"),
                Jdbc.instant(rows, "resolved_at"),
                Jdbc.instant(rows, "closed_at"),
                rows.getInt("reopened"),
                rows.getBoolean("response_warned"),
                rows.getBoolean("response_breached"),
                Jdbc.instant(rows, "response_stopped_at"),
                Jdbc.nullableBoolean(rows, "response_within"),
                responseMs == null ? null : Duration.ofMillis(responseMs),
                rows.getBoolean("resolution_warned"),
                rows.getBoolean("resolution_breached"),
                Jdbc.instant(rows, "resolution_stopped_at"),
                Jdbc.nullableBoolean(rows, "resolution_within"),
                resolutionMs == null ? null : Duration.ofMillis(resolutionMs),
                rows.getInt("warnings"),
                rows.getInt("breaches"),
                rows.getInt("escalations"),
                rows.getInt("notifications_delivered"),
                rows.getInt("notifications_failed"));
    }
}
