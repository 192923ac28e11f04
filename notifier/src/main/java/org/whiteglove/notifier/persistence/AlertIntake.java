package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.NotificationChannel;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaWarning;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.notifier.domain.Alert;
import org.whiteglove.notifier.domain.AlertKind;
import org.whiteglove.notifier.domain.Rule;
import org.whiteglove.notifier.domain.Webhook;
import org.whiteglove.runtime.inbox.Inbox;
import org.whiteglove.runtime.inbox.RecordBatches.Received;
import org.whiteglove.runtime.persistence.BatchLocks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Events → alerts → one delivery row per (event, rule, channel, recipient). The row's unique key and the
 * inbox make the effect exactly once however often Kafka redelivers; the dispatcher sends the rows.
 */
@ApplicationScoped
public class AlertIntake {

    public static final String CONSUMER = "notifier";

    private final Inbox inbox;
    private final RuleStore rules;
    private final Clock clock;

    public AlertIntake(Inbox inbox, RuleStore rules, Clock clock) {
        this.inbox = inbox;
        this.rules = rules;
        this.clock = clock;
    }

    /** Handles a batch in one transaction; returns the alerts that went to the live stream (to push after commit). */
    @Transactional
    public List<StreamEventEntity> onEvents(List<Received> batch) {
        List<Rule> all = rules.all();
        List<StreamEventEntity> streamed = new ArrayList<>();
        List<Received> unseen = inbox.firstDeliveries(CONSUMER, batch);
        BatchLocks.createAndLock(Panache.getEntityManager(), "ticket_view", "ticket_id", TicketViewEntity.class, "ticketId",
                BatchLocks.inLockOrder(unseen.stream().filter(r -> readsView(r.event())).map(r -> r.event().aggregateId()).toList()),
                clock.instant());
        for (Received r : unseen) {
            Alert alert = toAlert(r.headers().id(), r.event());
            if (alert != null) {
                streamed.addAll(route(alert, all));
            }
        }
        return streamed;
    }

    private List<StreamEventEntity> route(Alert alert, List<Rule> all) {
        List<StreamEventEntity> streamed = new ArrayList<>();
        for (Rule rule : all) {
            if (rule.matches(alert)) {
                streamed.addAll(schedule(alert, rule));
            }
        }
        return streamed;
    }

    /**
     * Creates the rule's deliveries for the alert (pending, due now); the stream is delivered at once.
     * Beyond the rule's limit within its window, email and webhook deliveries are held for one digest per
     * recipient, sent when the window ends (the stream still gets every alert).
     */
    List<StreamEventEntity> schedule(Alert alert, Rule rule) {
        Instant now = clock.instant();
        boolean overLimit = rule.maxPerWindow() > 0 && recentAlerts(rule, now) >= rule.maxPerWindow();
        for (String email : rule.emails()) {
            deliverOrDigest(alert, rule, NotificationChannel.EMAIL, email, now, overLimit);
        }
        for (Webhook webhook : rule.webhooks()) {
            deliverOrDigest(alert, rule, NotificationChannel.WEBHOOK, webhook.url(), now, overLimit);
        }
        if (rule.stream() && insert(alert, rule, NotificationChannel.STREAM, "stream", now)) {
            StreamEventEntity e = new StreamEventEntity();
            e.alert = alert;
            e.createdAt = now;
            e.persist();
            return List.of(e);
        }
        return List.of();
    }

    private void deliverOrDigest(Alert alert, Rule rule, NotificationChannel channel, String recipient, Instant now, boolean overLimit) {
        if (!overLimit) {
            insert(alert, rule, channel, recipient, now, "PENDING", now);
            return;
        }
        insert(alert, rule, channel, recipient, now, "DIGESTED", null);
        long windowMs = rule.window().toMillis();
        Instant windowEnd = Instant.ofEpochMilli((now.toEpochMilli() / windowMs + 1) * windowMs);
        String key = "digest:" + rule.id() + ":" + windowEnd.toEpochMilli();
        insert(Alert.digest(key, rule.kind(), 0, null, windowEnd), rule, channel, recipient, now, "PENDING", windowEnd);
    }

    /** Alerts this rule sent (not digested) within its window before {@code now}. */
    private long recentAlerts(Rule rule, Instant now) {
        Object n = Panache.getEntityManager().createNativeQuery("SELECT count(DISTINCT source_event_id) FROM delivery"
                        + " WHERE rule_id = ?1 AND created_at > ?2 AND status <> 'DIGESTED' AND channel <> 'STREAM'"
                        + " AND source_event_id NOT LIKE 'digest:%'")
                .setFlushMode(FlushModeType.COMMIT) // deliveries are written by native statements, never flushed
                .setParameter(1, rule.id()).setParameter(2, now.minus(rule.window())).getSingleResult();
        return ((Number) n).longValue();
    }

    private boolean insert(Alert alert, Rule rule, NotificationChannel channel, String recipient, Instant now) {
        return insert(alert, rule, channel, recipient, now, channel == NotificationChannel.STREAM ? "DELIVERED" : "PENDING", now);
    }

    private boolean insert(Alert alert, Rule rule, NotificationChannel channel, String recipient, Instant now, String status,
                           Instant due) {
        return DeliveryRows.insert(alert.sourceEventId(), alert, rule.id(), rule.name(), channel, recipient, status, due, now);
    }

    private Alert toAlert(String eventId, WhitegloveEvent event) {
        Instant now = clock.instant();
        if (event instanceof TicketOpened o) {
            TicketViewEntity v = view(o.ticketId());
            v.ticketNumber = o.ticketNumber();
            v.subject = o.subject();
            if (v.status == null) {
                v.status = TicketStatus.OPEN;
            }
            return null;
        }
        if (event instanceof TicketPrioritized p) {
            TicketViewEntity v = view(p.ticketId());
            v.priority = p.priority();
            v.vipTier = p.vipTier();
            v.queue = p.queue();
            return p.previousPriority() == null && p.vipTier() != null
                    ? alert(eventId, AlertKind.VIP_SUBMITTED, v, null, 0, null, 0, null, p.decidedAt()) : null;
        }
        if (event instanceof TicketStatusChanged c) {
            TicketViewEntity v = view(c.ticketId());
            if (c.to() != TicketStatus.RESPONDED) {
                v.status = c.to();
            }
            if (v.vipTier != null && c.to() == TicketStatus.ASSIGNED) {
                return alert(eventId, AlertKind.VIP_ASSIGNED, v, null, 0, null, 0, null, c.changedAt());
            }
            if (v.vipTier != null && c.to() == TicketStatus.RESOLVED) {
                return alert(eventId, AlertKind.VIP_RESOLVED, v, null, 0, null, 0, null, c.changedAt());
            }
            return null;
        }
        // SLA alerts carry the decision the monitor knew (older producers: null, then the view's), because
        // sla.events and ticket.priorities are read independently: a breach may come before its ticket's decision.
        if (event instanceof SlaWarning w) {
            return alert(eventId, AlertKind.SLA_WARNING, view(w.ticketId()), w.clock(), 0, null, w.thresholdPercent(), w.deadline(), w.firedAt())
                    .withDecision(w.priority(), w.vipTier(), w.queue());
        }
        if (event instanceof SlaBreached b) {
            return alert(eventId, AlertKind.SLA_BREACH, view(b.ticketId()), b.clock(), 0, null, 100, b.deadline(), b.firedAt())
                    .withDecision(b.priority(), b.vipTier(), b.queue());
        }
        if (event instanceof EscalationRaised e) {
            return alert(eventId, AlertKind.ESCALATION, view(e.ticketId()), e.clock(), e.level(), e.targetGroup(), 0, e.deadline(), e.raisedAt())
                    .withDecision(e.priority(), e.vipTier(), e.queue());
        }
        return null;
    }

    private static Alert alert(String eventId, AlertKind kind, TicketViewEntity v, org.whiteglove.events.SlaClockKind clock, int level,
                               String group, int percent, Instant deadline, Instant at) {
        return new Alert(eventId, kind, v.ticketId, v.ticketNumber, v.subject, v.priority, v.vipTier, v.queue, clock, level, group,
                percent, deadline, at, 0);
    }

    /** The events {@link #toAlert} reads or updates a ticket's view for (others, e.g. SlaStarted, need none). */
    private static boolean readsView(WhitegloveEvent event) {
        return event instanceof TicketOpened || event instanceof TicketPrioritized || event instanceof TicketStatusChanged
                || event instanceof SlaWarning || event instanceof SlaBreached || event instanceof EscalationRaised;
    }

    /** The ticket's view, created and locked in {@link #onEvents} for this batch (found in the session). */
    private TicketViewEntity view(String ticketId) {
        TicketViewEntity v = Panache.getEntityManager().find(TicketViewEntity.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
        v.updatedAt = clock.instant();
        return v;
    }
}
