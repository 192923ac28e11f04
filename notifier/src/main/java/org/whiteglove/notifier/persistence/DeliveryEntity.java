package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.descriptor.java.Immutability;
import org.hibernate.type.SqlTypes;
import org.whiteglove.events.NotificationChannel;
import org.whiteglove.notifier.domain.Alert;

import java.time.Instant;
import java.util.UUID;

/** One alert to one recipient over one channel, with its state; its attempts are the delivery log. */
@Entity
@Table(name = "delivery")
@DynamicUpdate // sending changes the state columns only; the alert stays as written
public class DeliveryEntity extends PanacheEntityBase {

    /** DIGESTED: held for the rule's digest (over its limit); the digest delivery reports it. */
    public enum Status { PENDING, DELIVERED, FAILED, SUPPRESSED, DIGESTED }

    @Id
    public UUID id;
    @Column(name = "source_event_id")
    public String sourceEventId;
    @Column(name = "rule_id")
    public String ruleId;
    @Column(name = "rule_name")
    public String ruleName;
    @Enumerated(EnumType.STRING)
    public NotificationChannel channel;
    public String recipient;
    @Column(name = "ticket_id")
    public String ticketId;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class) // a record, replaced whole when it changes: no JSON copy per row for dirty checking
    public Alert alert;
    @Enumerated(EnumType.STRING)
    public Status status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
}
