package org.whiteglove.notifier.delivery;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.whiteglove.events.NotificationChannel;
import org.whiteglove.events.NotificationDelivered;
import org.whiteglove.events.NotificationFailed;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.Topics;
import org.whiteglove.notifier.config.NotifierConfig;
import org.whiteglove.notifier.domain.AlertKind;
import org.whiteglove.notifier.domain.RetryPolicy;
import org.whiteglove.notifier.domain.Rule;
import org.whiteglove.notifier.domain.Webhook;
import org.whiteglove.notifier.persistence.AckEntity;
import org.whiteglove.notifier.persistence.AttemptEntity;
import org.whiteglove.notifier.persistence.DeliveryEntity;
import org.whiteglove.notifier.persistence.DeliveryEntity.Status;
import org.whiteglove.notifier.persistence.RuleStore;
import org.whiteglove.notifier.persistence.TicketViewEntity;
import org.whiteglove.runtime.outbox.Outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Sends due deliveries. Each is locked while it is sent ({@code SKIP LOCKED}: instances share the work),
 * and its attempt, its new state and its NotificationDelivered / NotificationFailed event commit together.
 * SLA alerts whose ticket was resolved, closed or pending on the customer by then are suppressed (and
 * logged): nobody needs to act on them.
 */
@ApplicationScoped
public class DeliveryStore {

    /** Where a delivery that ran out of attempts is recorded for operators, beside the failed event. */
    public static final String FAILED_TOPIC = Topics.deadLetter(Topics.NOTIFICATION_EVENTS, "notifier");
    private static final Set<TicketStatus> NOTHING_TO_DO = Set.of(TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.PENDING_CUSTOMER);

    private final EmailSender email;
    private final WebhookSender webhooks;
    private final RuleStore rules;
    private final Outbox outbox;
    private final Clock clock;
    private final RetryPolicy retry;

    public DeliveryStore(EmailSender email, WebhookSender webhooks, RuleStore rules, Outbox outbox, Clock clock, NotifierConfig config) {
        this.email = email;
        this.webhooks = webhooks;
        this.rules = rules;
        this.outbox = outbox;
        this.clock = clock;
        this.retry = new RetryPolicy(config.retry().maxAttempts(), config.retry().base(), config.retry().cap());
    }

    /** Sends up to {@code limit} due deliveries; returns how many it handled. */
    @Transactional
    @SuppressWarnings("unchecked")
    public int dispatchDue(int limit) {
        Instant now = clock.instant();
        List<DeliveryEntity> due = Panache.getEntityManager().createNativeQuery("SELECT * FROM delivery WHERE status = 'PENDING'"
                        + " AND next_attempt_at <= ?1 ORDER BY next_attempt_at LIMIT ?2 FOR UPDATE SKIP LOCKED", DeliveryEntity.class)
                .setParameter(1, now).setParameter(2, limit).getResultList();
        for (DeliveryEntity d : due) {
            dispatch(d);
        }
        return due.size();
    }

    private void dispatch(DeliveryEntity d) {
        Optional<String> suppressed = suppression(d);
        if (suppressed.isPresent()) {
            finish(d, Status.SUPPRESSED, "suppressed: " + suppressed.get());
            return;
        }
        Sent sent = switch (d.channel) {
            case EMAIL -> email.send(d.id, d.alert, d.recipient);
            case WEBHOOK -> webhook(d).map(w -> webhooks.send(d.id, d.alert, w))
                    .orElse(Sent.refused("the rule no longer has this webhook"));
            case STREAM -> Sent.ok("on the stream");
        };
        d.attempts++;
        if (sent.delivered()) {
            finish(d, Status.DELIVERED, sent.detail());
            outbox.publish(new NotificationDelivered(d.ticketId, d.id.toString(), d.alert.sourceEventId(), d.ruleName, d.channel,
                    d.recipient, d.attempts, d.finishedAt));
        } else if (sent.retryable() && !retry.exhausted(d.attempts)) {
            log(d, "RETRY", sent.detail());
            d.lastError = sent.detail();
            d.nextAttemptAt = clock.instant().plus(retry.delayBefore(d.attempts + 1, RandomGenerator.getDefault()));
        } else {
            finish(d, Status.FAILED, sent.detail());
            outbox.publish(new NotificationFailed(d.ticketId, d.id.toString(), d.alert.sourceEventId(), d.ruleName, d.channel,
                    d.recipient, d.attempts, sent.detail(), d.finishedAt));
            outbox.publishRecord(FAILED_TOPIC, d.ticketId, "org.whiteglove.notifier.FailedDelivery",
                    ("{\"deliveryId\":\"" + d.id + "\",\"rule\":\"" + d.ruleName.replace("\"", "'") + "\",\"channel\":\"" + d.channel
                            + "\",\"recipient\":\"" + d.recipient + "\",\"attempts\":" + d.attempts + ",\"reason\":\""
                            + sent.detail().replace("\"", "'") + "\",\"sourceEventId\":\"" + d.alert.sourceEventId() + "\"}")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    private Optional<String> suppression(DeliveryEntity d) {
        TicketViewEntity ticket = TicketViewEntity.findById(d.ticketId);
        if (ticket != null && d.alert.ticketNumber() == null) {
            // The topics are read independently: the opening may have arrived after the alert's event.
            d.alert = d.alert.withTicket(ticket.ticketNumber, ticket.subject);
        }
        AlertKind kind = d.alert.kind();
        if (kind != AlertKind.SLA_WARNING && kind != AlertKind.SLA_BREACH && kind != AlertKind.ESCALATION) {
            return Optional.empty();
        }
        if (ticket != null && ticket.status != null && NOTHING_TO_DO.contains(ticket.status)) {
            return Optional.of("ticket is " + ticket.status);
        }
        if (kind == AlertKind.ESCALATION && AckEntity.findById(d.alert.sourceEventId()) != null) {
            return Optional.of("escalation acknowledged");
        }
        return Optional.empty();
    }

    private Optional<Webhook> webhook(DeliveryEntity d) {
        return rules.find(d.ruleId).map(Rule::webhooks).orElse(List.of()).stream()
                .filter(w -> w.url().equals(d.recipient)).findFirst();
    }

    private void finish(DeliveryEntity d, Status status, String detail) {
        d.status = status;
        d.finishedAt = clock.instant();
        d.nextAttemptAt = null;
        d.lastError = status == Status.DELIVERED ? null : detail;
        log(d, status.name(), detail);
    }

    private void log(DeliveryEntity d, String outcome, String detail) {
        AttemptEntity a = new AttemptEntity();
        a.deliveryId = d.id;
        a.attempt = d.attempts;
        a.at = clock.instant();
        a.outcome = outcome;
        a.detail = detail;
        a.persist();
    }

    /** Deliveries of a ticket, newest first, with their attempts. */
    public List<DeliveryEntity> ofTicket(String ticketId, int limit) {
        return DeliveryEntity.<DeliveryEntity>find("ticketId = ?1 order by createdAt desc", ticketId).page(0, limit).list();
    }

    public List<AttemptEntity> attempts(java.util.UUID deliveryId) {
        return AttemptEntity.list("deliveryId = ?1 order by id", deliveryId);
    }

    public boolean isStream(NotificationChannel c) {
        return c == NotificationChannel.STREAM;
    }
}
