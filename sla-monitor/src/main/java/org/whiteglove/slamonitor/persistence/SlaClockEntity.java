package org.whiteglove.slamonitor.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.Mutability;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.descriptor.java.Immutability;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.slamonitor.domain.BusinessCalendar;
import org.whiteglove.slamonitor.domain.Milestone;
import org.whiteglove.slamonitor.domain.SlaClock;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** A stored clock; {@link #nextDueAt} is its durable timer. */
@Entity
@Table(name = "sla_clock")
@IdClass(SlaClockEntity.Key.class)
public class SlaClockEntity extends PanacheEntityBase {

    public static class Key implements Serializable {
        public String ticketId;
        public SlaClockKind clock;

        public Key() {
        }

        public Key(String ticketId, SlaClockKind clock) {
            this.ticketId = ticketId;
            this.clock = clock;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.ticketId.equals(ticketId) && k.clock == clock;
        }

        @Override
        public int hashCode() {
            return Objects.hash(ticketId, clock);
        }
    }

    @Id
    @Column(name = "ticket_id")
    public String ticketId;
    @Id
    @Enumerated(EnumType.STRING)
    public SlaClockKind clock;
    public String policy;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    public String calendar;
    @Column(name = "target_ms")
    public long targetMs;
    // JSON values here are only ever replaced, never changed in place: marked immutable, Hibernate compares them at
    // flush instead of copying each through a JSON round trip at every persist and load.
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<Milestone> milestones;
    @Column(name = "started_at")
    public Instant startedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<SlaClock.Interval> excluded;
    @Column(name = "paused_since")
    public Instant pausedSince;
    @Column(name = "stopped_at")
    public Instant stoppedAt;
    @Enumerated(EnumType.STRING)
    public SlaClock.State state;
    public Instant deadline;
    @Column(name = "deadline_version")
    public int deadlineVersion;
    @JdbcTypeCode(SqlTypes.JSON)
    @Mutability(Immutability.class)
    public List<String> fired;
    @Column(name = "next_due_at")
    public Instant nextDueAt;
    @Column(name = "next_milestone")
    public String nextMilestone;
    public String queue;
    @Column(name = "vip_tier")
    public String vipTier;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public SlaClock toDomain(BusinessCalendar businessCalendar) {
        return SlaClock.restore(ticketId, clock, policy, priority, businessCalendar, Duration.ofMillis(targetMs), milestones,
                startedAt, excluded, pausedSince, stoppedAt, deadline, deadlineVersion, new HashSet<>(fired)).routedTo(queue, vipTier);
    }

    /** Copies the clock's state, including its next timer. */
    public void update(SlaClock c, Instant now) {
        ticketId = c.ticketId();
        clock = c.kind();
        policy = c.policy();
        priority = c.priority();
        queue = c.queue();
        vipTier = c.vipTier();
        calendar = c.calendar().name();
        targetMs = c.target().toMillis();
        milestones = c.milestones();
        startedAt = c.start();
        excluded = c.excluded();
        pausedSince = c.pausedSince();
        stoppedAt = c.stoppedAt();
        state = c.state();
        deadline = c.deadline();
        deadlineVersion = c.deadlineVersion();
        fired = List.copyOf(c.fired());
        SlaClock.Due next = c.nextDue().orElse(null);
        nextDueAt = next == null ? null : next.at();
        nextMilestone = next == null ? null : next.milestone().code();
        updatedAt = now;
    }
}
