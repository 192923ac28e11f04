package org.whiteglove.slamonitor.persistence;

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
import org.whiteglove.events.Priority;
import org.whiteglove.events.TicketStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A ticket as the monitor sees it: enough to start its clocks whichever of its events comes first. */
@Entity
@Table(name = "ticket_sla")
public class TicketSlaEntity extends PanacheEntityBase {

    /** A status change that arrived before the clocks could start; replayed when they do. */
    public record EarlyChange(TicketStatus to, Instant at) {
    }

    @Id
    @Column(name = "ticket_id")
    public String ticketId;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Enumerated(EnumType.STRING)
    public TicketStatus status;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Column(name = "sla_policy")
    public String slaPolicy;
    public String queue;
    @Column(name = "vip_tier")
    public String vipTier;
    @Column(name = "clocks_started")
    public boolean clocksStarted;
    // JSON values here are only ever replaced, never changed in place: marked immutable, Hibernate compares them at
    // flush instead of copying each through a JSON round trip at every persist and load.
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    @Column(name = "early_changes")
    public List<EarlyChange> earlyChanges = new ArrayList<>();
    @Column(name = "updated_at")
    public Instant updatedAt;
}
