package org.whiteglove.notifier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.whiteglove.events.NotificationDelivered;
import org.whiteglove.events.NotificationFailed;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.Topics;
import org.whiteglove.notifier.config.NotifierConfig;
import org.whiteglove.notifier.domain.Alert;
import org.whiteglove.notifier.domain.AlertKind;
import org.whiteglove.notifier.domain.RetryPolicy;
import org.whiteglove.notifier.domain.Rule;
import org.whiteglove.notifier.domain.Webhook;
import org.whiteglove.notifier.persistence.AckEntity;
import org.whiteglove.notifier.persistence.AttemptEntity;
import org.whiteglove.notifier.persistence.DeliveryEntity;
import org.whiteglove.notifier.persistence.DeliveryRows;
import org.whiteglove.notifier.persistence.DeliveryEntity.Status;
import org.whiteglove.notifier.persistence.RuleStore;
import org.whiteglove.notifier.persistence.TicketViewEntity;
import org.whiteglove.runtime.outbox.Outbox;
import org.whiteglove.runtime.precedence.CriticalFirst;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

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
    private static final int MAX_REMINDERS = 24;
    private static final int DIGEST_TICKETS_LISTED = 50;
    /**
     * Each priority's (none: '') earliest due pending deliveries, from the index {@code delivery_due_by_priority}: the
     * read costs the same whatever the backlog, where ordering the whole backlog by rank would read all of it.
     */
    private static final String DUE_BY_PRIORITY = "SELECT d.id, p.priority, d.next_attempt_at"
            + " FROM unnest(?::text[]) AS p(priority)"
            + " CROSS JOIN LATERAL (SELECT id, next_attempt_at FROM delivery WHERE status = 'PENDING'"
            + " AND " + DeliveryRows.PRIORITY_CLASS + " = p.priority AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?) d";
    private static final Set<TicketStatus> NOTHING_TO_DO = Set.of(TicketStatus.RESOLVED, TicketStatus.CLOSED, TicketStatus.PENDING_CUSTOMER);

    private final EmailSender email;
    private final WebhookSender webhooks;
    private final RuleStore rules;
    private final Outbox outbox;
    private final Clock clock;
    private final RetryPolicy retry;
    private final ObjectMapper json;
    private final AgroalDataSource dataSource;
    private final CriticalFirst<UUID> precedence;

    public DeliveryStore(EmailSender email, WebhookSender webhooks, RuleStore rules, Outbox outbox, Clock clock, NotifierConfig config,
                         ObjectMapper json, AgroalDataSource dataSource) {
        this.json = json;
        this.dataSource = dataSource;
        this.email = email;
        this.webhooks = webhooks;
        this.rules = rules;
        this.outbox = outbox;
        this.clock = clock;
        this.retry = new RetryPolicy(config.retry().maxAttempts(), config.retry().base(), config.retry().cap());
        this.precedence = new CriticalFirst<>(config.dispatch().lead());
    }

    /**
     * Ids of the first {@code limit} deliveries due now, in the order they go out ({@link CriticalFirst}): each
     * priority's earliest read, then put in order. Not locked: each is taken in its own transaction.
     */
    @Transactional
    public List<UUID> dueIds(int limit) {
        List<CriticalFirst.Due<UUID>> due = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(DUE_BY_PRIORITY)) {
            select.setArray(1, c.createArrayOf("text", DeliveryRows.PRIORITY_CLASSES.toArray()));
            select.setTimestamp(2, Timestamp.from(clock.instant()));
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(new CriticalFirst.Due<>(rs.getObject(1, UUID.class), DeliveryRows.priorityOf(rs.getString(2)),
                            rs.getTimestamp(3).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the due deliveries", e);
        }
        return precedence.first(due, limit);
    }

    /** Makes due the deliveries still waiting for a ticket whose opening has arrived (see {@link DeliveryRows}). */
    @Transactional
    public int releaseAwaitingKnownTickets() {
        try (Connection c = dataSource.getConnection()) {
            return DeliveryRows.releaseAwaitingKnownTickets(c, clock.instant());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot release the deliveries waiting for their tickets", e);
        }
    }

    /**
     * Sends one delivery in its own transaction, if it is still due and no other instance holds it.
     * One delivery per transaction: a slow receiver or a broken row holds up nobody else.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public boolean dispatch(UUID id) {
        List<DeliveryEntity> row = Panache.getEntityManager().createNativeQuery("SELECT * FROM delivery WHERE id = ?1"
                        + " AND status = 'PENDING' AND next_attempt_at <= ?2 FOR UPDATE SKIP LOCKED", DeliveryEntity.class)
                .setParameter(1, id).setParameter(2, clock.instant()).getResultList();
        row.forEach(this::dispatch);
        return !row.isEmpty();
    }

    /**
     * A delivery that cannot even be handled (a bug, a broken row) is failed and logged rather than retried forever.
     * Plain SQL, not the entity: a row whose alert cannot be read must not stop the dispatcher at the same spot again.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void markBroken(UUID id, RuntimeException e) {
        Instant now = clock.instant();
        String detail = "could not be handled: " + e;
        var em = Panache.getEntityManager();
        int failed = em.createNativeQuery("UPDATE delivery SET status = 'FAILED', finished_at = ?1, next_attempt_at = NULL,"
                        + " last_error = ?2 WHERE id = ?3 AND status = 'PENDING'")
                .setParameter(1, now).setParameter(2, detail).setParameter(3, id).executeUpdate();
        if (failed == 1) {
            em.createNativeQuery("INSERT INTO delivery_attempt (delivery_id, attempt, at, outcome, detail)"
                            + " SELECT id, attempts, ?1, 'FAILED', ?2 FROM delivery WHERE id = ?3")
                    .setParameter(1, now).setParameter(2, detail).setParameter(3, id).executeUpdate();
        }
    }

    private void dispatch(DeliveryEntity d) {
        if (d.sourceEventId.startsWith("digest:")) {
            int count = collectDigest(d);
            if (count == 0) {
                finish(d, Status.SUPPRESSED, "suppressed: nothing to digest");
                return;
            }
        }
        TicketViewEntity ticket = d.ticketId == null ? null : TicketViewEntity.findById(d.ticketId);
        if (ticket != null && d.alert.ticketNumber() == null) {
            d.alert = d.alert.withTicket(ticket.ticketNumber, ticket.subject);
        }
        Optional<String> suppressed = suppression(d, ticket);
        if (suppressed.isEmpty() && d.alert.awaitsTicket() && d.createdAt.plus(DeliveryRows.WAIT_FOR_TICKET).isAfter(clock.instant())) {
            // The topics are read independently: the ticket's opening (number, subject) makes it due again when it comes.
            d.nextAttemptAt = d.createdAt.plus(DeliveryRows.WAIT_FOR_TICKET);
            return;
        }
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
            remindLater(d);
            if (d.ticketId == null) {
                return; // a digest: the alerts it stands for are in the log as DIGESTED, each with its ticket
            }
            outbox.publish(new NotificationDelivered(d.ticketId, d.id.toString(), d.alert.sourceEventId(), d.ruleName, d.channel,
                    d.recipient, d.attempts, d.finishedAt));
        } else if (sent.retryable() && !retry.exhausted(d.attempts)) {
            log(d, "RETRY", sent.detail());
            d.lastError = sent.detail();
            d.nextAttemptAt = clock.instant().plus(retry.delayBefore(d.attempts + 1, RandomGenerator.getDefault()));
        } else {
            finish(d, Status.FAILED, sent.detail());
            if (d.ticketId == null) {
                return;
            }
            outbox.publish(new NotificationFailed(d.ticketId, d.id.toString(), d.alert.sourceEventId(), d.ruleName, d.channel,
                    d.recipient, d.attempts, sent.detail(), d.finishedAt));
            outbox.publishRecord(FAILED_TOPIC, d.ticketId, "org.whiteglove.notifier.FailedDelivery", failedRecord(d, sent.detail()));
        }
    }

    /** What operators find on the failed-deliveries topic: the delivery, why it failed, and the alert. */
    private byte[] failedRecord(DeliveryEntity d, String reason) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("deliveryId", d.id.toString());
        record.put("rule", d.ruleName);
        record.put("channel", d.channel.name());
        record.put("recipient", d.recipient);
        record.put("attempts", d.attempts);
        record.put("reason", reason);
        record.put("sourceEventId", d.alert.sourceEventId());
        record.put("alert", d.alert);
        try {
            return json.writeValueAsBytes(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a failed delivery is always JSON", e);
        }
    }

    /**
     * The digest's alert: how many alerts of the window it stands for, and their tickets (the first
     * {@value #DIGEST_TICKETS_LISTED}; after an alert storm the rest are in the delivery log, not in one mail).
     */
    @SuppressWarnings("unchecked")
    private int collectDigest(DeliveryEntity d) {
        long windowEnd = Long.parseLong(d.sourceEventId.substring(d.sourceEventId.lastIndexOf(':') + 1));
        Duration window = rules.find(d.ruleId).map(Rule::window).orElse(Duration.ofMinutes(5));
        // One read: the window's tickets in order of their first alert, each with its alert count, and the total.
        List<Object[]> tickets = Panache.getEntityManager().createNativeQuery("SELECT ticket, sum(n) OVER () FROM"
                        + " (SELECT coalesce(alert->>'ticketNumber', ticket_id) AS ticket, min(created_at) AS first, count(*) AS n"
                        + " FROM delivery WHERE rule_id = ?1 AND channel = ?2 AND recipient = ?3 AND status = 'DIGESTED'"
                        + " AND created_at > ?4 AND created_at <= ?5 GROUP BY 1) t ORDER BY first, ticket LIMIT ?6")
                .setParameter(1, d.ruleId).setParameter(2, d.channel.name()).setParameter(3, d.recipient)
                .setParameter(4, Instant.ofEpochMilli(windowEnd).minus(window)).setParameter(5, Instant.ofEpochMilli(windowEnd))
                .setParameter(6, DIGEST_TICKETS_LISTED + 1).getResultList();
        if (tickets.isEmpty()) {
            return 0;
        }
        int count = ((Number) tickets.get(0)[1]).intValue();
        String listed = tickets.stream().limit(DIGEST_TICKETS_LISTED).map(t -> String.valueOf(t[0])).collect(Collectors.joining(", "))
                + (tickets.size() > DIGEST_TICKETS_LISTED ? " and more (all in the delivery log)" : "");
        d.alert = Alert.digest(d.sourceEventId, d.alert.kind(), count, listed, clock.instant());
        return count;
    }

    /** Escalations of a rule with reminders: the next one, unless acknowledged or the ticket no longer needs it. */
    private void remindLater(DeliveryEntity d) {
        if (d.alert.kind() != AlertKind.ESCALATION || d.alert.digestOf() > 0) {
            return;
        }
        Duration every = rules.find(d.ruleId).map(Rule::repeatEvery).orElse(null);
        int reminder = d.sourceEventId.contains("#reminder-")
                ? Integer.parseInt(d.sourceEventId.substring(d.sourceEventId.indexOf("#reminder-") + 10)) : 0;
        if (every == null || reminder >= MAX_REMINDERS) {
            return;
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection()) {
            DeliveryRows.insertAll(c, List.of(new DeliveryRows.Row(d.alert.sourceEventId() + "#reminder-" + (reminder + 1), d.alert,
                    d.ruleId, d.ruleName, d.channel, d.recipient, "PENDING", now.plus(every), now)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot schedule the reminder of delivery " + d.id, e);
        }
    }

    /** Why nobody needs this alert any more, if so; {@code ticket} is null for a digest. */
    private Optional<String> suppression(DeliveryEntity d, TicketViewEntity ticket) {
        if (d.ticketId == null) {
            return Optional.empty();
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

    public List<AttemptEntity> attempts(UUID deliveryId) {
        return AttemptEntity.list("deliveryId = ?1 order by id", deliveryId);
    }
}
