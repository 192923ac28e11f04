package org.whiteglove.notifier.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import org.hibernate.jpa.HibernateHints;
import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.EventType;
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

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events → alerts → one delivery row per (event, rule, channel, recipient). The row's unique key and the
 * inbox make the effect exactly once however often Kafka redelivers; the dispatcher sends the rows. A batch's
 * deliveries and stream alerts are written in one statement each, at its end.
 */
@ApplicationScoped
public class AlertIntake {

    public static final String CONSUMER = "notifier";

    /** The events whose ticket view {@link #toAlert} changes (created and locked for the batch). */
    private static final Set<EventType> CHANGE_VIEW = EnumSet.of(EventType.TICKET_OPENED, EventType.TICKET_PRIORITIZED,
            EventType.TICKET_STATUS_CHANGED);
    /** The events that read their ticket's view (SLA alerts, for the ticket's number and subject). */
    private static final Set<EventType> READ_VIEW = EnumSet.of(EventType.SLA_WARNING, EventType.SLA_BREACHED,
            EventType.ESCALATION_RAISED);
    /**
     * Every event that changes a view or raises an alert. The rest (an SLA clock started, paused, resumed, met or
     * recalculated; a ticket's fields updated) are passed over unread: for every ticket two clock starts, which were
     * half of the notifier's inbox rows and a transaction of their own per poll.
     */
    public static final Set<EventType> ACTED_ON = union(CHANGE_VIEW, READ_VIEW);

    private final Inbox inbox;
    private final RuleStore rules;
    private final Clock clock;
    private final AgroalDataSource dataSource;

    public AlertIntake(Inbox inbox, RuleStore rules, Clock clock, AgroalDataSource dataSource) {
        this.inbox = inbox;
        this.rules = rules;
        this.clock = clock;
        this.dataSource = dataSource;
    }

    /** Handles a batch in one transaction; returns the alerts that went to the live stream (to push after commit). */
    @Transactional
    public List<StreamEventEntity> onEvents(List<Received> batch) {
        List<Rule> all = rules.all();
        List<Received> unseen = inbox.firstDeliveries(CONSUMER, batch);
        var em = Panache.getEntityManager();
        // Ticket events change the view: create and lock it. SLA alerts only read it, and are most of an alert storm.
        List<String> changed = BatchLocks.inLockOrder(unseen.stream().filter(r -> changesView(r.event())).map(r -> r.event().aggregateId()).toList());
        Map<String, TicketViewEntity> views = new HashMap<>();
        BatchLocks.createAndLock(em, "ticket_view", "ticket_id", TicketViewEntity.class, changed, clock.instant())
                .forEach(v -> views.put(v.ticketId, v));
        readViews(unseen.stream().filter(r -> readsView(r.event())).map(r -> r.event().aggregateId())
                .filter(id -> !views.containsKey(id)).distinct().toList()).forEach(v -> views.put(v.ticketId, v));
        BatchSchedule schedule = new BatchSchedule(clock.instant());
        for (Received r : unseen) {
            Alert alert = toAlert(r.headers().id(), r.event(), views);
            if (alert != null) {
                for (Rule rule : all) {
                    if (rule.matches(alert)) {
                        schedule.add(alert, rule);
                    }
                }
            }
        }
        List<String> opened = unseen.stream().filter(r -> r.event() instanceof TicketOpened).map(r -> r.event().aggregateId()).toList();
        return schedule.write(opened);
    }

    /**
     * A batch's deliveries, written at its end in one statement (and its stream alerts in another). Beyond a rule's
     * limit within its window, email and webhook deliveries are held for one digest per recipient, sent when the
     * window ends (the stream still gets every alert); alerts earlier in the batch count towards the limit. The limit
     * counts each priority apart, so a P1 breach is mailed on its own however many P4 breaches came first.
     */
    private final class BatchSchedule {
        private final Instant now;
        private final List<DeliveryRows.Row> rows = new ArrayList<>();
        private final List<DeliveryRows.Row> streamed = new ArrayList<>();
        /** Per rule: alerts sent one by one within its window, per priority class (counted once per batch). */
        private final Map<String, Map<String, Long>> recent = new HashMap<>();
        private final Set<String> digests = new HashSet<>();

        BatchSchedule(Instant now) {
            this.now = now;
        }

        void add(Alert alert, Rule rule) {
            boolean overLimit = false;
            if (rule.maxPerWindow() > 0 && !(rule.emails().isEmpty() && rule.webhooks().isEmpty())) {
                // Each priority has its own budget: a storm of minor alerts never sends a critical one to the digest.
                Map<String, Long> sentByClass = recent.computeIfAbsent(rule.id(), id -> recentAlerts(rule, now));
                String priorityClass = DeliveryRows.priorityClass(alert.priority());
                long sent = sentByClass.getOrDefault(priorityClass, 0L);
                overLimit = sent >= rule.maxPerWindow();
                sentByClass.put(priorityClass, overLimit ? sent : sent + 1);
            }
            for (String email : rule.emails()) {
                deliverOrDigest(alert, rule, NotificationChannel.EMAIL, email, overLimit);
            }
            for (Webhook webhook : rule.webhooks()) {
                deliverOrDigest(alert, rule, NotificationChannel.WEBHOOK, webhook.url(), overLimit);
            }
            if (rule.stream()) {
                DeliveryRows.Row stream = row(alert, rule, NotificationChannel.STREAM, "stream", "DELIVERED", now);
                rows.add(stream);
                streamed.add(stream);
            }
        }

        private void deliverOrDigest(Alert alert, Rule rule, NotificationChannel channel, String recipient, boolean overLimit) {
            if (!overLimit) {
                rows.add(row(alert, rule, channel, recipient, "PENDING", alert.awaitsTicket() ? now.plus(DeliveryRows.WAIT_FOR_TICKET) : now));
                return;
            }
            rows.add(row(alert, rule, channel, recipient, "DIGESTED", null));
            long windowMs = rule.window().toMillis();
            Instant windowEnd = Instant.ofEpochMilli((now.toEpochMilli() / windowMs + 1) * windowMs);
            String key = "digest:" + rule.id() + ":" + windowEnd.toEpochMilli();
            // One digest row per window and recipient; in a storm, the batch's other alerts would only conflict with it.
            if (digests.add(key + " " + channel + " " + recipient)) {
                rows.add(row(Alert.digest(key, rule.kind(), 0, null, windowEnd), rule, channel, recipient, "PENDING", windowEnd));
            }
        }

        private DeliveryRows.Row row(Alert alert, Rule rule, NotificationChannel channel, String recipient, String status, Instant due) {
            return new DeliveryRows.Row(alert.sourceEventId(), alert, rule.id(), rule.name(), channel, recipient, status, due, now);
        }

        /**
         * Writes the deliveries and makes those that waited for the {@code opened} tickets due; the alerts whose stream
         * delivery was new go on the stream, in batch order.
         */
        List<StreamEventEntity> write(List<String> opened) {
            if (rows.isEmpty() && opened.isEmpty()) {
                return List.of();
            }
            try (Connection c = dataSource.getConnection()) {
                DeliveryRows.releaseAwaiting(c, opened, now);
                if (rows.isEmpty()) {
                    return List.of();
                }
                Set<DeliveryRows.Key> inserted = DeliveryRows.insertAll(c, rows);
                List<Alert> fresh = streamed.stream().filter(r -> inserted.contains(r.key())).map(DeliveryRows.Row::alert).toList();
                return StreamEvents.insertAll(c, fresh, now);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store the batch's deliveries", e);
            }
        }
    }

    /**
     * Alerts the rule sent (not digested) within its window before {@code now}, per priority class: one read per rule and
     * batch. The partial index {@code delivery_rule_sent} holds only such deliveries, at most the limit per class, so a
     * storm's digested alerts are never read here. (No LIMIT: with one, PostgreSQL walked the unique index in
     * source_event_id order through the whole table, 0.5 s a batch during an alert storm, to find the DISTINCT rows
     * sooner.)
     */
    @SuppressWarnings("unchecked")
    private Map<String, Long> recentAlerts(Rule rule, Instant now) {
        List<Object[]> rows = Panache.getEntityManager().createNativeQuery("SELECT " + DeliveryRows.PRIORITY_CLASS
                        + ", count(DISTINCT source_event_id) FROM delivery"
                        + " WHERE rule_id = ?1 AND created_at > ?2 AND status <> 'DIGESTED' AND channel <> 'STREAM'"
                        + " AND source_event_id NOT LIKE 'digest:%' GROUP BY 1")
                .setFlushMode(FlushModeType.COMMIT) // deliveries are written by plain JDBC at the batch's end, never flushed
                .setParameter(1, rule.id()).setParameter(2, now.minus(rule.window())).getResultList();
        Map<String, Long> sent = new HashMap<>();
        rows.forEach(r -> sent.put((String) r[0], ((Number) r[1]).longValue()));
        return sent;
    }

    private Alert toAlert(String eventId, WhitegloveEvent event, Map<String, TicketViewEntity> views) {
        if (event instanceof TicketOpened o) {
            TicketViewEntity v = changing(views, o.ticketId());
            v.ticketNumber = o.ticketNumber();
            v.subject = o.subject();
            if (v.status == null) {
                v.status = TicketStatus.OPEN;
            }
            return null;
        }
        if (event instanceof TicketPrioritized p) {
            TicketViewEntity v = changing(views, p.ticketId());
            v.priority = p.priority();
            v.vipTier = p.vipTier();
            v.queue = p.queue();
            return p.previousPriority() == null && p.vipTier() != null
                    ? alert(eventId, AlertKind.VIP_SUBMITTED, v, null, 0, null, 0, null, p.decidedAt()) : null;
        }
        if (event instanceof TicketStatusChanged c) {
            TicketViewEntity v = changing(views, c.ticketId());
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
            return alert(eventId, AlertKind.SLA_WARNING, views.get(w.ticketId()), w.clock(), 0, null, w.thresholdPercent(), w.deadline(), w.firedAt())
                    .withDecision(w.priority(), w.vipTier(), w.queue());
        }
        if (event instanceof SlaBreached b) {
            return alert(eventId, AlertKind.SLA_BREACH, views.get(b.ticketId()), b.clock(), 0, null, 100, b.deadline(), b.firedAt())
                    .withDecision(b.priority(), b.vipTier(), b.queue());
        }
        if (event instanceof EscalationRaised e) {
            return alert(eventId, AlertKind.ESCALATION, views.get(e.ticketId()), e.clock(), e.level(), e.targetGroup(), 0, e.deadline(), e.raisedAt())
                    .withDecision(e.priority(), e.vipTier(), e.queue());
        }
        return null;
    }

    private static Alert alert(String eventId, AlertKind kind, TicketViewEntity v, org.whiteglove.events.SlaClockKind clock, int level,
                               String group, int percent, Instant deadline, Instant at) {
        return new Alert(eventId, kind, v.ticketId, v.ticketNumber, v.subject, v.priority, v.vipTier, v.queue, clock, level, group,
                percent, deadline, at, 0);
    }

    private static boolean changesView(WhitegloveEvent event) {
        return CHANGE_VIEW.contains(EventType.of(event));
    }

    private static boolean readsView(WhitegloveEvent event) {
        return READ_VIEW.contains(EventType.of(event));
    }

    private static Set<EventType> union(Set<EventType> a, Set<EventType> b) {
        Set<EventType> all = EnumSet.copyOf(a);
        all.addAll(b);
        return Collections.unmodifiableSet(all);
    }

    /** The views of these tickets as committed, read-only; a ticket not seen yet gets an empty view, not stored. */
    private static List<TicketViewEntity> readViews(List<String> ticketIds) {
        if (ticketIds.isEmpty()) {
            return List.of();
        }
        Map<String, TicketViewEntity> found = new HashMap<>();
        Panache.getEntityManager().createQuery("from TicketViewEntity v where v.ticketId in :ids", TicketViewEntity.class)
                .setParameter("ids", ticketIds)
                .setFlushMode(FlushModeType.COMMIT)
                .setHint(HibernateHints.HINT_READ_ONLY, true)
                .getResultList().forEach(v -> found.put(v.ticketId, v));
        return ticketIds.stream().map(id -> found.computeIfAbsent(id, AlertIntake::emptyView)).toList();
    }

    private static TicketViewEntity emptyView(String ticketId) {
        TicketViewEntity v = new TicketViewEntity();
        v.ticketId = ticketId;
        return v;
    }

    /** The ticket's view, created and locked in {@link #onEvents} for this batch, about to change. */
    private TicketViewEntity changing(Map<String, TicketViewEntity> views, String ticketId) {
        TicketViewEntity v = views.get(ticketId);
        v.updatedAt = clock.instant();
        return v;
    }
}
