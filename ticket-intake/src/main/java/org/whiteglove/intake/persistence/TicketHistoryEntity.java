package org.whiteglove.intake.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of a ticket's history: an event it published ({@code eventId} set) or a note. */
@Entity
@Table(name = "ticket_history")
public class TicketHistoryEntity extends PanacheEntityBase {

    // Ids from the sequence in blocks of 50 (migration V2), so a batch's rows are inserted in JDBC batches
    // rather than one round trip each (an IDENTITY id must be read back row by row).
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ticket_history_ids")
    @SequenceGenerator(name = "ticket_history_ids", sequenceName = "ticket_history_id_seq", allocationSize = 50)
    public Long id;
    @Column(name = "ticket_id")
    public UUID ticketId;
    public Instant at;
    public String actor;
    public String kind;
    @Column(name = "event_id")
    public UUID eventId;
    /** JSON: the event's payload, or the note's fields. */
    public String detail;
}
