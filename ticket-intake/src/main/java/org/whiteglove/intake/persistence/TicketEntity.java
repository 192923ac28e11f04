package org.whiteglove.intake.persistence;

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
import org.whiteglove.events.Channel;
import org.whiteglove.events.Impact;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.Urgency;
import org.whiteglove.intake.domain.ParsedEmail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A ticket as intake keeps it: the system of record for its fields and contact details. */
@Entity
@Table(name = "ticket")
public class TicketEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    public String number;
    @Enumerated(EnumType.STRING)
    public Channel channel;
    @Enumerated(EnumType.STRING)
    public TicketStatus status;
    public String subject;
    public String description;
    public String category;
    @Column(name = "affected_service")
    public String affectedService;
    @Enumerated(EnumType.STRING)
    public Impact impact;
    @Enumerated(EnumType.STRING)
    public Urgency urgency;
    public String assignee;
    @Column(name = "requester_name")
    public String requesterName;
    @Column(name = "requester_email")
    public String requesterEmail;
    @Column(name = "requester_phone")
    public String requesterPhone;
    @Column(name = "submitter_name")
    public String submitterName;
    @Column(name = "submitter_email")
    public String submitterEmail;
    @Column(name = "submitter_phone")
    public String submitterPhone;
    @Column(name = "vip_claimed")
    public boolean vipClaimed;
    @Column(name = "source_ref")
    public String sourceRef;
    @Column(name = "speed_of_answer_ms")
    public Long speedOfAnswerMillis;
    // JSON values here are only ever replaced, never changed in place: marked immutable, Hibernate compares them at
    // flush instead of copying each through a JSON round trip at every persist and load.
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<ParsedEmail.Attachment> attachments = new ArrayList<>();
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Column(name = "first_responded_at")
    public Instant firstRespondedAt;
    @Column(name = "resolved_at")
    public Instant resolvedAt;
    @Column(name = "closed_at")
    public Instant closedAt;
}
