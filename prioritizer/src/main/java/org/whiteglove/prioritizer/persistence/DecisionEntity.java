package org.whiteglove.prioritizer.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SupportModel;
import org.whiteglove.events.TicketPrioritized;

import java.time.Instant;

@Entity
@Table(name = "decision")
public class DecisionEntity extends PanacheEntityBase {
    // Ids from the sequence in blocks of 50 (migration V2), so a batch's rows are inserted in JDBC batches
    // rather than one round trip each (an IDENTITY id must be read back row by row).
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "decision_ids")
    @SequenceGenerator(name = "decision_ids", sequenceName = "decision_id_seq", allocationSize = 50)
    public Long id;
    @Column(name = "ticket_id")
    public String ticketId;
    @Column(name = "source_event_id")
    public String sourceEventId;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    @Enumerated(EnumType.STRING)
    @Column(name = "previous_priority")
    public Priority previousPriority;
    public String queue;
    public int rank;
    @Column(name = "vip_tier")
    public String vipTier;
    @Enumerated(EnumType.STRING)
    @Column(name = "support_model")
    public SupportModel supportModel;
    @Column(name = "sla_policy")
    public String slaPolicy;
    @Column(name = "matrix_version")
    public int matrixVersion;
    @Column(name = "policy_version")
    public int policyVersion;
    // JSON values here are only ever replaced, never changed in place: marked immutable, Hibernate compares them at
    // flush instead of copying each through a JSON round trip at every persist and load.
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public TicketPrioritized.DecisionTrace trace;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
