package org.whiteglove.reporting.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.NotificationDelivered;
import org.whiteglove.events.NotificationEvent;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.SlaMet;
import org.whiteglove.events.SlaWarning;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.events.TicketUpdated;
import org.whiteglove.events.VipMatch;
import org.whiteglove.events.VipRemoved;
import org.whiteglove.events.VipUpserted;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.reporting.domain.BusinessHours;
import org.whiteglove.runtime.inbox.Inbox;
import org.whiteglove.runtime.inbox.RecordBatches.Received;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Folds events into ticket facts and the VIP population, idempotently: an event id is recorded in the same
 * transaction as its effect, so a redelivered event changes nothing. Every fact statement is an upsert that
 * gives the same row whatever order the topics arrive in (times keep the earliest or latest as they mean;
 * counters only grow once per event id). The opened hour of every changed ticket is marked for the rollups.
 */
@ApplicationScoped
public class FactStore {

    public static final String CONSUMER = "reporting";

    private static final String OPENED = """
            INSERT INTO ticket_fact (ticket_id, ticket_number, opened_at, channel, category, after_hours, vip_claimed,
                                     speed_of_answer_ms, status, status_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)
            ON CONFLICT (ticket_id) DO UPDATE SET ticket_number = excluded.ticket_number, opened_at = excluded.opened_at,
                channel = excluded.channel, category = COALESCE(ticket_fact.category, excluded.category),
                after_hours = excluded.after_hours, vip_claimed = excluded.vip_claimed,
                speed_of_answer_ms = excluded.speed_of_answer_ms,
                status = COALESCE(ticket_fact.status, excluded.status), status_at = COALESCE(ticket_fact.status_at, excluded.status_at)
            RETURNING opened_at""";

    // Decisions of one ticket share a partition, so the last one read is the latest.
    private static final String PRIORITIZED = """
            INSERT INTO ticket_fact (ticket_id, priority, first_priority, priority_changes, queue, vip_tier, vip_match,
                                     support_model, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET priority = excluded.priority,
                first_priority = COALESCE(ticket_fact.first_priority, excluded.first_priority),
                priority_changes = ticket_fact.priority_changes + excluded.priority_changes,
                queue = excluded.queue, vip_tier = excluded.vip_tier, vip_match = excluded.vip_match,
                support_model = excluded.support_model, decided_at = excluded.decided_at
            RETURNING opened_at""";

    private static final String STATUS = """
            INSERT INTO ticket_fact (ticket_id, status, status_at, first_response_at, resolved_at, closed_at, reopened)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET
                status = CASE WHEN ticket_fact.status_at IS NULL OR excluded.status_at >= ticket_fact.status_at
                              THEN excluded.status ELSE ticket_fact.status END,
                status_at = GREATEST(ticket_fact.status_at, excluded.status_at),
                first_response_at = LEAST(ticket_fact.first_response_at, excluded.first_response_at),
                resolved_at = GREATEST(ticket_fact.resolved_at, excluded.resolved_at),
                closed_at = GREATEST(ticket_fact.closed_at, excluded.closed_at),
                reopened = ticket_fact.reopened + excluded.reopened
            RETURNING opened_at""";

    private static final String CATEGORY = """
            INSERT INTO ticket_fact (ticket_id, category) VALUES (?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET category = excluded.category
            RETURNING opened_at""";

    private static final String RESPONSE_MET = """
            INSERT INTO ticket_fact (ticket_id, response_stopped_at, response_within, response_business_ms, first_response_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET response_stopped_at = excluded.response_stopped_at,
                response_within = excluded.response_within, response_business_ms = excluded.response_business_ms,
                first_response_at = LEAST(ticket_fact.first_response_at, excluded.first_response_at)
            RETURNING opened_at""";

    // A reopened ticket stops its resolution clock again: the latest stop is the one that counts.
    private static final String RESOLUTION_MET = """
            INSERT INTO ticket_fact (ticket_id, resolution_stopped_at, resolution_within, resolution_business_ms)
            VALUES (?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET
                resolution_within = CASE WHEN ticket_fact.resolution_stopped_at IS NULL
                        OR excluded.resolution_stopped_at >= ticket_fact.resolution_stopped_at
                    THEN excluded.resolution_within ELSE ticket_fact.resolution_within END,
                resolution_business_ms = CASE WHEN ticket_fact.resolution_stopped_at IS NULL
                        OR excluded.resolution_stopped_at >= ticket_fact.resolution_stopped_at
                    THEN excluded.resolution_business_ms ELSE ticket_fact.resolution_business_ms END,
                resolution_stopped_at = GREATEST(ticket_fact.resolution_stopped_at, excluded.resolution_stopped_at)
            RETURNING opened_at""";

    private static final String COUNTER = """
            INSERT INTO ticket_fact (ticket_id, %1$s) VALUES (?, 1)
            ON CONFLICT (ticket_id) DO UPDATE SET %1$s = ticket_fact.%1$s + 1
            RETURNING opened_at""";

    private static final String FLAG_AND_COUNTER = """
            INSERT INTO ticket_fact (ticket_id, %1$s, %2$s) VALUES (?, true, 1)
            ON CONFLICT (ticket_id) DO UPDATE SET %1$s = true, %2$s = ticket_fact.%2$s + 1
            RETURNING opened_at""";

    private static final String VIP_UPSERTED = """
            INSERT INTO vip_member (person_id, tier, valid_from, valid_until, first_seen_at, removed_at, changed_at)
            VALUES (?, ?, ?, ?, ?, NULL, ?)
            ON CONFLICT (person_id) DO UPDATE SET tier = excluded.tier, valid_from = excluded.valid_from,
                valid_until = excluded.valid_until,
                first_seen_at = CASE WHEN vip_member.removed_at IS NULL THEN vip_member.first_seen_at ELSE excluded.first_seen_at END,
                removed_at = NULL, changed_at = excluded.changed_at
            WHERE vip_member.changed_at <= excluded.changed_at""";

    private static final String VIP_REMOVED = """
            UPDATE vip_member SET removed_at = ?, changed_at = ? WHERE person_id = ? AND changed_at <= ?""";

    private final AgroalDataSource dataSource;
    private final Inbox inbox;
    private final BusinessHours businessHours;

    public FactStore(AgroalDataSource dataSource, Inbox inbox, BusinessHours businessHours) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.businessHours = businessHours;
    }

    /** Applies a batch in one transaction; events of one ticket keep their order. */
    @Transactional
    public void apply(List<Received> batch) {
        // Sorted by ticket so that concurrent consumers of different topics lock rows in the same order.
        List<Received> ordered = batch.stream().sorted(Comparator.comparing(r -> r.event().aggregateId())).toList();
        Set<Instant> dirtyHours = new TreeSet<>();
        List<Received> unseen = inbox.firstDeliveries(CONSUMER, ordered);
        try (Connection connection = dataSource.getConnection()) {
            for (Received received : unseen) {
                Instant openedAt = apply(connection, received.event());
                if (openedAt != null) {
                    dirtyHours.add(openedAt.truncatedTo(ChronoUnit.HOURS));
                }
            }
            markDirty(connection, dirtyHours);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store report facts", e);
        }
    }

    static void markDirty(Connection connection, Set<Instant> hours) throws SQLException {
        if (hours.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                // Appended, not upserted (migration V4): marking never waits for a refresher rolling the hour up.
                "INSERT INTO rollup_dirty (hour) SELECT unnest(?::text[]::timestamptz[])")) {
            insert.setArray(1, connection.createArrayOf("text", Jdbc.isoInstants(hours)));
            insert.executeUpdate();
        }
    }

    /** The ticket's opening time when known (its hour needs rolling up again), else null. */
    private Instant apply(Connection c, WhitegloveEvent event) throws SQLException {
        if (event instanceof TicketOpened opened) {
            return upsert(c, OPENED, opened.ticketId(), s -> {
                s.setString(2, opened.ticketNumber());
                Jdbc.setInstant(s, 3, opened.openedAt());
                s.setString(4, opened.channel().name());
                s.setString(5, opened.category());
                s.setBoolean(6, businessHours.isAfterHours(opened.openedAt()));
                s.setBoolean(7, opened.vipClaimed());
                Jdbc.setLong(s, 8, opened.speedOfAnswer() == null ? null : opened.speedOfAnswer().toMillis());
                Jdbc.setInstant(s, 9, opened.openedAt());
            });
        }
        if (event instanceof TicketPrioritized decision) {
            boolean changed = decision.previousPriority() != null && decision.previousPriority() != decision.priority();
            VipMatch match = decision.trace() == null ? null : decision.trace().vipMatch();
            return upsert(c, PRIORITIZED, decision.ticketId(), s -> {
                s.setString(2, decision.priority().name());
                s.setString(3, decision.previousPriority() == null ? decision.priority().name() : null);
                s.setInt(4, changed ? 1 : 0);
                s.setString(5, decision.queue());
                s.setString(6, decision.vipTier());
                s.setString(7, match == null ? null : match.name());
                s.setString(8, decision.supportModel() == null ? null : decision.supportModel().name());
                Jdbc.setInstant(s, 9, decision.decidedAt());
            });
        }
        if (event instanceof TicketStatusChanged change) {
            TicketStatus to = change.to();
            return upsert(c, STATUS, change.ticketId(), s -> {
                s.setString(2, to.name());
                Jdbc.setInstant(s, 3, change.changedAt());
                Jdbc.setInstant(s, 4, to == TicketStatus.RESPONDED ? change.changedAt() : null);
                Jdbc.setInstant(s, 5, to == TicketStatus.RESOLVED ? change.changedAt() : null);
                Jdbc.setInstant(s, 6, to == TicketStatus.CLOSED ? change.changedAt() : null);
                s.setInt(7, to == TicketStatus.REOPENED ? 1 : 0);
            });
        }
        if (event instanceof TicketUpdated updated) {
            if (!updated.changed().contains(TicketUpdated.Field.CATEGORY)) {
                return null;
            }
            return upsert(c, CATEGORY, updated.ticketId(), s -> s.setString(2, updated.category()));
        }
        if (event instanceof SlaMet met) {
            long businessMs = met.businessElapsed() == null ? 0 : met.businessElapsed().toMillis();
            if (met.clock() == SlaClockKind.RESPONSE) {
                return upsert(c, RESPONSE_MET, met.ticketId(), s -> {
                    Jdbc.setInstant(s, 2, met.stoppedAt());
                    s.setBoolean(3, met.withinTarget());
                    s.setLong(4, businessMs);
                    Jdbc.setInstant(s, 5, met.stoppedAt());
                });
            }
            return upsert(c, RESOLUTION_MET, met.ticketId(), s -> {
                Jdbc.setInstant(s, 2, met.stoppedAt());
                s.setBoolean(3, met.withinTarget());
                s.setLong(4, businessMs);
            });
        }
        if (event instanceof SlaBreached breached) {
            return upsert(c, FLAG_AND_COUNTER.formatted(clockColumn(breached.clock(), "breached"), "breaches"), breached.ticketId(), s -> { });
        }
        if (event instanceof SlaWarning warning) {
            return upsert(c, FLAG_AND_COUNTER.formatted(clockColumn(warning.clock(), "warned"), "warnings"), warning.ticketId(), s -> { });
        }
        if (event instanceof EscalationRaised escalation) {
            return upsert(c, COUNTER.formatted("escalations"), escalation.ticketId(), s -> { });
        }
        if (event instanceof NotificationEvent notification) {
            String column = notification instanceof NotificationDelivered ? "notifications_delivered" : "notifications_failed";
            return notification.ticketId() == null ? null : upsert(c, COUNTER.formatted(column), notification.ticketId(), s -> { });
        }
        if (event instanceof VipUpserted vip) {
            try (PreparedStatement s = c.prepareStatement(VIP_UPSERTED)) {
                s.setString(1, vip.personId());
                s.setString(2, vip.tier());
                Jdbc.setInstant(s, 3, vip.validFrom());
                Jdbc.setInstant(s, 4, vip.validUntil());
                Jdbc.setInstant(s, 5, vip.changedAt());
                Jdbc.setInstant(s, 6, vip.changedAt());
                s.executeUpdate();
            }
            return null;
        }
        if (event instanceof VipRemoved removed) {
            try (PreparedStatement s = c.prepareStatement(VIP_REMOVED)) {
                Jdbc.setInstant(s, 1, removed.removedAt());
                Jdbc.setInstant(s, 2, removed.removedAt());
                s.setString(3, removed.personId());
                Jdbc.setInstant(s, 4, removed.removedAt());
                s.executeUpdate();
            }
            return null;
        }
        // SlaStarted, SlaPaused, SlaResumed, SlaRecalculated: the clocks' own bookkeeping, not reported on.
        return null;
    }

    private static String clockColumn(SlaClockKind clock, String suffix) {
        return (clock == SlaClockKind.RESPONSE ? "response_" : "resolution_") + suffix;
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static Instant upsert(Connection c, String sql, String ticketId, Binder binder) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, ticketId);
            binder.bind(s);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Jdbc.instant(rows, "opened_at") : null;
            }
        }
    }
}
