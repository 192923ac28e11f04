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
import org.whiteglove.reporting.domain.HourCells;
import org.whiteglove.reporting.domain.TicketFact;
import org.whiteglove.runtime.inbox.Inbox;
import org.whiteglove.runtime.inbox.RecordBatches.Received;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Folds events into ticket facts and the VIP population, idempotently: an event id is recorded in the same
 * transaction as its effect, so a redelivered event changes nothing. Every fact statement is an upsert that
 * gives the same row whatever order the topics arrive in (times keep the earliest or latest as they mean;
 * counters only grow once per event id). What a batch changed is appended for the rollups as changes of hour cells.
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
                status = COALESCE(ticket_fact.status, excluded.status), status_at = COALESCE(ticket_fact.status_at, excluded.status_at)""";

    // Decisions of one ticket share a partition, so the last one read is the latest.
    private static final String PRIORITIZED = """
            INSERT INTO ticket_fact (ticket_id, priority, first_priority, priority_changes, queue, vip_tier, vip_match,
                                     support_model, decided_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET priority = excluded.priority,
                first_priority = COALESCE(ticket_fact.first_priority, excluded.first_priority),
                priority_changes = ticket_fact.priority_changes + excluded.priority_changes,
                queue = excluded.queue, vip_tier = excluded.vip_tier, vip_match = excluded.vip_match,
                support_model = excluded.support_model, decided_at = excluded.decided_at""";

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
                reopened = ticket_fact.reopened + excluded.reopened""";

    private static final String CATEGORY = """
            INSERT INTO ticket_fact (ticket_id, category) VALUES (?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET category = excluded.category""";

    private static final String RESPONSE_MET = """
            INSERT INTO ticket_fact (ticket_id, response_stopped_at, response_within, response_business_ms, first_response_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (ticket_id) DO UPDATE SET response_stopped_at = excluded.response_stopped_at,
                response_within = excluded.response_within, response_business_ms = excluded.response_business_ms,
                first_response_at = LEAST(ticket_fact.first_response_at, excluded.first_response_at)""";

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
                resolution_stopped_at = GREATEST(ticket_fact.resolution_stopped_at, excluded.resolution_stopped_at)""";

    private static final String COUNTER = """
            INSERT INTO ticket_fact (ticket_id, %1$s) VALUES (?, 1)
            ON CONFLICT (ticket_id) DO UPDATE SET %1$s = ticket_fact.%1$s + 1""";

    private static final String FLAG_AND_COUNTER = """
            INSERT INTO ticket_fact (ticket_id, %1$s, %2$s) VALUES (?, true, 1)
            ON CONFLICT (ticket_id) DO UPDATE SET %1$s = true, %2$s = ticket_fact.%2$s + 1""";

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

    /**
     * Applies a batch in one transaction; events of one ticket keep their order. The batch's tickets are locked and
     * read first and read again at the end: what changed goes to the rollups as a change of their hour cells
     * (appended to {@code rollup_delta}, never waiting for the refresher), so no hour is rolled up from all its
     * facts again because one ticket in it changed.
     */
    @Transactional
    public void apply(List<Received> batch) {
        List<Received> unseen = inbox.firstDeliveries(CONSUMER, batch);
        Set<String> tickets = new TreeSet<>();
        for (Received received : unseen) {
            String ticketId = ticketOf(received.event());
            if (ticketId != null) {
                tickets.add(ticketId);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            Map<String, TicketFact> before = tickets.isEmpty() ? Map.of() : FactRows.lock(connection, tickets);
            try (StatementRuns statements = new StatementRuns(connection)) {
                for (Received received : unseen) {
                    apply(statements, received.event());
                }
                statements.flush();
            }
            if (!tickets.isEmpty()) {
                HourCells changes = new HourCells();
                FactRows.read(connection, tickets).forEach((ticketId, after) -> changes.change(before.get(ticketId), after));
                RollupStore.appendChanges(connection, changes);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store report facts", e);
        }
    }

    /** The ticket whose fact {@code event} changes, or null. */
    private static String ticketOf(WhitegloveEvent event) {
        if (event instanceof TicketOpened || event instanceof TicketPrioritized || event instanceof TicketStatusChanged
                || event instanceof SlaMet || event instanceof SlaBreached || event instanceof SlaWarning
                || event instanceof EscalationRaised) {
            return event.aggregateId();
        }
        if (event instanceof TicketUpdated updated) {
            return updated.changed().contains(TicketUpdated.Field.CATEGORY) ? updated.ticketId() : null;
        }
        if (event instanceof NotificationEvent notification) {
            return notification.ticketId();
        }
        return null;
    }

    private void apply(StatementRuns c, WhitegloveEvent event) throws SQLException {
        if (event instanceof TicketOpened opened) {
            upsert(c, OPENED, opened.ticketId(), s -> {
                s.setString(2, opened.ticketNumber());
                Jdbc.setInstant(s, 3, opened.openedAt());
                s.setString(4, opened.channel().name());
                s.setString(5, opened.category());
                s.setBoolean(6, businessHours.isAfterHours(opened.openedAt()));
                s.setBoolean(7, opened.vipClaimed());
                Jdbc.setLong(s, 8, opened.speedOfAnswer() == null ? null : opened.speedOfAnswer().toMillis());
                Jdbc.setInstant(s, 9, opened.openedAt());
            });
        } else if (event instanceof TicketPrioritized decision) {
            boolean changed = decision.previousPriority() != null && decision.previousPriority() != decision.priority();
            VipMatch match = decision.trace() == null ? null : decision.trace().vipMatch();
            upsert(c, PRIORITIZED, decision.ticketId(), s -> {
                s.setString(2, decision.priority().name());
                s.setString(3, decision.previousPriority() == null ? decision.priority().name() : null);
                s.setInt(4, changed ? 1 : 0);
                s.setString(5, decision.queue());
                s.setString(6, decision.vipTier());
                s.setString(7, match == null ? null : match.name());
                s.setString(8, decision.supportModel() == null ? null : decision.supportModel().name());
                Jdbc.setInstant(s, 9, decision.decidedAt());
            });
        } else if (event instanceof TicketStatusChanged change) {
            TicketStatus to = change.to();
            upsert(c, STATUS, change.ticketId(), s -> {
                s.setString(2, to.name());
                Jdbc.setInstant(s, 3, change.changedAt());
                Jdbc.setInstant(s, 4, to == TicketStatus.RESPONDED ? change.changedAt() : null);
                Jdbc.setInstant(s, 5, to == TicketStatus.RESOLVED ? change.changedAt() : null);
                Jdbc.setInstant(s, 6, to == TicketStatus.CLOSED ? change.changedAt() : null);
                s.setInt(7, to == TicketStatus.REOPENED ? 1 : 0);
            });
        } else if (event instanceof TicketUpdated updated) {
            if (updated.changed().contains(TicketUpdated.Field.CATEGORY)) {
                upsert(c, CATEGORY, updated.ticketId(), s -> s.setString(2, updated.category()));
            }
        } else if (event instanceof SlaMet met) {
            long businessMs = met.businessElapsed() == null ? 0 : met.businessElapsed().toMillis();
            if (met.clock() == SlaClockKind.RESPONSE) {
                upsert(c, RESPONSE_MET, met.ticketId(), s -> {
                    Jdbc.setInstant(s, 2, met.stoppedAt());
                    s.setBoolean(3, met.withinTarget());
                    s.setLong(4, businessMs);
                    Jdbc.setInstant(s, 5, met.stoppedAt());
                });
            } else {
                upsert(c, RESOLUTION_MET, met.ticketId(), s -> {
                    Jdbc.setInstant(s, 2, met.stoppedAt());
                    s.setBoolean(3, met.withinTarget());
                    s.setLong(4, businessMs);
                });
            }
        } else if (event instanceof SlaBreached breached) {
            upsert(c, FLAG_AND_COUNTER.formatted(clockColumn(breached.clock(), "breached"), "breaches"), breached.ticketId(), s -> { });
        } else if (event instanceof SlaWarning warning) {
            upsert(c, FLAG_AND_COUNTER.formatted(clockColumn(warning.clock(), "warned"), "warnings"), warning.ticketId(), s -> { });
        } else if (event instanceof EscalationRaised escalation) {
            upsert(c, COUNTER.formatted("escalations"), escalation.ticketId(), s -> { });
        } else if (event instanceof NotificationEvent notification) {
            String column = notification instanceof NotificationDelivered ? "notifications_delivered" : "notifications_failed";
            if (notification.ticketId() != null) {
                upsert(c, COUNTER.formatted(column), notification.ticketId(), s -> { });
            }
        } else if (event instanceof VipUpserted vip) {
            c.add(VIP_UPSERTED, vip.personId(), s -> {
                s.setString(1, vip.personId());
                s.setString(2, vip.tier());
                Jdbc.setInstant(s, 3, vip.validFrom());
                Jdbc.setInstant(s, 4, vip.validUntil());
                Jdbc.setInstant(s, 5, vip.changedAt());
                Jdbc.setInstant(s, 6, vip.changedAt());
            });
        } else if (event instanceof VipRemoved removed) {
            c.add(VIP_REMOVED, removed.personId(), s -> {
                Jdbc.setInstant(s, 1, removed.removedAt());
                Jdbc.setInstant(s, 2, removed.removedAt());
                s.setString(3, removed.personId());
                Jdbc.setInstant(s, 4, removed.removedAt());
            });
        }
        // SlaStarted, SlaPaused, SlaResumed, SlaRecalculated: the clocks' own bookkeeping, not reported on.
    }

    private static String clockColumn(SlaClockKind clock, String suffix) {
        return (clock == SlaClockKind.RESPONSE ? "response_" : "resolution_") + suffix;
    }

    private static void upsert(StatementRuns c, String sql, String ticketId, StatementRuns.Binder binder) throws SQLException {
        c.add(sql, ticketId, s -> {
            s.setString(1, ticketId);
            binder.bind(s);
        });
    }
}
