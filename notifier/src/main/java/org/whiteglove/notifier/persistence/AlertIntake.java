package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
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

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

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
        for (Received r : batch) {
            if (!inbox.firstDelivery(CONSUMER, r.headers().id())) {
                continue;
            }
            Alert alert = toAlert(r.headers().id(), r.event());
            if (alert == null) {
                continue;
            }
            for (Rule rule : all) {
                if (rule.matches(alert)) {
                    streamed.addAll(schedule(alert, rule));
                }
            }
        }
        return streamed;
    }

    /** Creates the rule's deliveries for the alert (pending, due now); the stream is delivered at once. */
    List<StreamEventEntity> schedule(Alert alert, Rule rule) {
        Instant now = clock.instant();
        for (String email : rule.emails()) {
            insert(alert, rule, NotificationChannel.EMAIL, email, now);
        }
        for (Webhook webhook : rule.webhooks()) {
            insert(alert, rule, NotificationChannel.WEBHOOK, webhook.url(), now);
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

    private boolean insert(Alert alert, Rule rule, NotificationChannel channel, String recipient, Instant now) {
        boolean stream = channel == NotificationChannel.STREAM;
        int inserted = Panache.getEntityManager().createNativeQuery("INSERT INTO delivery (id, source_event_id, rule_id,"
                        + " rule_name, channel, recipient, ticket_id, alert, status, attempts, next_attempt_at, created_at, finished_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), ?9, ?10, ?11, ?12, ?13)"
                        + " ON CONFLICT (source_event_id, rule_id, channel, recipient) DO NOTHING")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, alert.sourceEventId())
                .setParameter(3, rule.id())
                .setParameter(4, rule.name())
                .setParameter(5, channel.name())
                .setParameter(6, recipient)
                .setParameter(7, alert.ticketId())
                .setParameter(8, AlertJson.write(alert))
                .setParameter(9, stream ? "DELIVERED" : "PENDING")
                .setParameter(10, stream ? 1 : 0)
                .setParameter(11, stream ? null : now)
                .setParameter(12, now)
                .setParameter(13, stream ? now : null)
                .executeUpdate();
        return inserted == 1;
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
        if (event instanceof SlaWarning w) {
            return alert(eventId, AlertKind.SLA_WARNING, view(w.ticketId()), w.clock(), 0, null, w.thresholdPercent(), w.deadline(), w.firedAt());
        }
        if (event instanceof SlaBreached b) {
            return alert(eventId, AlertKind.SLA_BREACH, view(b.ticketId()), b.clock(), 0, null, 100, b.deadline(), b.firedAt());
        }
        if (event instanceof EscalationRaised e) {
            return alert(eventId, AlertKind.ESCALATION, view(e.ticketId()), e.clock(), e.level(), e.targetGroup(), 0, e.deadline(), e.raisedAt());
        }
        return null;
    }

    private static Alert alert(String eventId, AlertKind kind, TicketViewEntity v, org.whiteglove.events.SlaClockKind clock, int level,
                               String group, int percent, Instant deadline, Instant at) {
        return new Alert(eventId, kind, v.ticketId, v.ticketNumber, v.subject, v.priority, v.vipTier, v.queue, clock, level, group,
                percent, deadline, at);
    }

    private TicketViewEntity view(String ticketId) {
        Panache.getEntityManager().createNativeQuery("INSERT INTO ticket_view (ticket_id, updated_at) VALUES (?1, ?2)"
                        + " ON CONFLICT (ticket_id) DO NOTHING")
                .setParameter(1, ticketId).setParameter(2, clock.instant()).executeUpdate();
        TicketViewEntity v = TicketViewEntity.findById(ticketId, LockModeType.PESSIMISTIC_WRITE);
        v.updatedAt = clock.instant();
        return v;
    }
}
