package org.whiteglove.prioritizer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Priority;
import org.whiteglove.events.Urgency;

import java.time.Instant;
import java.util.List;

/** A ticket's priority inputs, kept so a change of impact or urgency can be decided again. */
@Entity
@Table(name = "ticket_view")
public class TicketViewEntity extends PanacheEntityBase {
    @Id
    @Column(name = "ticket_id")
    public String ticketId;
    @Enumerated(EnumType.STRING)
    public Impact impact;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    // JSON values here are only ever replaced, never changed in place: marked immutable, Hibernate compares them at
    // flush instead of copying each through a JSON round trip at every persist and load.
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "requester_keys")
    public List<String> requesterKeys;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "submitter_keys")
    public List<String> submitterKeys;
    @Column(name = "vip_claimed")
    public boolean vipClaimed;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
