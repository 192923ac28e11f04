package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.whiteglove.events.Priority;
import org.whiteglove.events.TicketStatus;

import java.time.Instant;

/** A ticket as messages need it (number, subject, priority, VIP tier) and as suppression needs it (status). */
@Entity
@Table(name = "ticket_view")
public class TicketViewEntity extends PanacheEntityBase {
    @Id
    @Column(name = "ticket_id")
    public String ticketId;
    @Column(name = "ticket_number")
    public String ticketNumber;
    public String subject;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Column(name = "vip_tier")
    public String vipTier;
    public String queue;
    @Enumerated(EnumType.STRING)
    public TicketStatus status;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
