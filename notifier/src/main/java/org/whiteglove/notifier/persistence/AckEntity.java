package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Someone took an escalation in hand: its reminders stop. */
@Entity
@Table(name = "escalation_ack")
public class AckEntity extends PanacheEntityBase {
    @Id
    @Column(name = "escalation_id")
    public String escalationId;
    @Column(name = "acked_by")
    public String ackedBy;
    @Column(name = "acked_at")
    public Instant ackedAt;
}
