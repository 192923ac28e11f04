package org.whiteglove.slamonitor.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.runtime.inbox.Inbox;
import org.whiteglove.runtime.inbox.RecordBatches.Received;
import org.whiteglove.runtime.outbox.Outbox;
import org.whiteglove.runtime.persistence.BatchLocks;
import org.whiteglove.slamonitor.domain.BusinessCalendar;
import org.whiteglove.slamonitor.domain.Milestone;
import org.whiteglove.slamonitor.domain.SlaClock;
import org.whiteglove.slamonitor.domain.SlaLifecycle;
import org.whiteglove.slamonitor.domain.SlaPolicy;
import org.whiteglove.slamonitor.persistence.SettingsStore.Settings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.List;
import java.util.Objects;

/**
 * Ticket and priority events → clocks, and due timers → warnings, breaches and escalations. Every change
 * of a clock and the events it causes commit together (outbox); each incoming event is applied once
 * (inbox); a ticket's row is locked while its clocks change, so the two topics' consumers and the
 * timer firing never interleave on one ticket.
 */
@ApplicationScoped
public class ClockStore {

    public static final String CONSUMER = "sla-monitor";
    private static final Logger LOG = Logger.getLogger(ClockStore.class);

    private static final TypeReference<List<Milestone>> MILESTONES = new TypeReference<>() { };
    private static final TypeReference<List<SlaClock.Interval>> INTERVALS = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final Inbox inbox;
    private final Outbox outbox;
    private final SettingsStore settings;
    private final Clock clock;
    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final Map<String, List<Milestone>> parsedMilestones = new ConcurrentHashMap<>();

    public ClockStore(Inbox inbox, Outbox outbox, SettingsStore settings, Clock clock, AgroalDataSource dataSource, ObjectMapper json) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.dataSource = dataSource;
        this.json = json;
    }

    /** What a firing pass did: how many milestones fired, their delays, and the clocks' next timers. */
    public record FiredBatch(int clocks, List<SlaClock.Firing> firings, List<Instant> nextDue) {
    }

    /** Applies a batch of ticket.events / ticket.priorities in one transaction; returns the clocks' next timers. */
    @Transactional
    public List<Instant> onEvents(List<Received> batch) {
        Settings s = settings.settings();
        List<Instant> timers = new ArrayList<>();
        List<Received> unseen = inbox.firstDeliveries(CONSUMER, batch);
        lockTickets(BatchLocks.inLockOrder(unseen.stream().map(r -> r.event().aggregateId()).toList()));
        for (Received r : unseen) {
            List<SlaClockEntity> changed = List.of();
            if (r.event() instanceof TicketOpened o) {
                changed = onOpened(o, s);
            } else if (r.event() instanceof TicketStatusChanged c) {
                changed = onStatusChanged(c, s);
            } else if (r.event() instanceof TicketPrioritized p) {
                changed = onPrioritized(p, s);
            }
            changed.stream().map(e -> e.nextDueAt).filter(Objects::nonNull).forEach(timers::add);
        }
        return timers;
    }

    private List<SlaClockEntity> onOpened(TicketOpened o, Settings s) {
        TicketSlaEntity ticket = lockTicket(o.ticketId());
        if (ticket.openedAt == null) {
            ticket.openedAt = micros(o.openedAt());
            ticket.status = TicketStatus.OPEN;
        }
        return startIfReady(ticket, s);
    }

    private List<SlaClockEntity> onPrioritized(TicketPrioritized p, Settings s) {
        TicketSlaEntity ticket = lockTicket(p.ticketId());
        ticket.priority = p.priority();
        ticket.slaPolicy = p.slaPolicy();
        ticket.queue = p.queue();
        ticket.vipTier = p.vipTier();
        if (!ticket.clocksStarted) {
            return startIfReady(ticket, s);
        }
        SlaPolicy policy = policyFor(ticket, s);
        BusinessCalendar calendar = s.calendarOf(policy);
        List<SlaClockEntity> rows = clocks(ticket.ticketId);
        for (SlaClockEntity row : rows) {
            SlaClock c = row.toDomain(calendarOf(row, s));
            c.reprioritize(policy, calendar, p.priority(), micros(p.decidedAt()), "re-prioritized").ifPresent(outbox::publish);
            c.routedTo(ticket.queue, ticket.vipTier);
            row.update(c, clock.instant());
        }
        return rows;
    }

    private List<SlaClockEntity> onStatusChanged(TicketStatusChanged change, Settings s) {
        TicketSlaEntity ticket = lockTicket(change.ticketId());
        if (change.to() != TicketStatus.RESPONDED) {
            ticket.status = change.to();
        }
        if (!ticket.clocksStarted) {
            List<TicketSlaEntity.EarlyChange> early = new ArrayList<>(ticket.earlyChanges);
            early.add(new TicketSlaEntity.EarlyChange(change.to(), micros(change.changedAt())));
            ticket.earlyChanges = early;
            return List.of();
        }
        List<SlaClockEntity> rows = clocks(ticket.ticketId);
        apply(rows, s, change.to(), micros(change.changedAt()));
        return rows;
    }

    private void apply(List<SlaClockEntity> rows, Settings s, TicketStatus to, Instant at) {
        List<SlaClock> domain = rows.stream().map(r -> r.toDomain(calendarOf(r, s))).toList();
        SlaLifecycle.onStatusChange(domain, to, at).forEach(outbox::publish);
        for (int i = 0; i < rows.size(); i++) {
            rows.get(i).update(domain.get(i), clock.instant());
        }
    }

    /** Starts both clocks from the opening once the opening and a decision are known, then replays early changes. */
    private List<SlaClockEntity> startIfReady(TicketSlaEntity ticket, Settings s) {
        ticket.updatedAt = clock.instant();
        if (ticket.clocksStarted || ticket.openedAt == null || ticket.priority == null) {
            return List.of();
        }
        SlaPolicy policy = policyFor(ticket, s);
        BusinessCalendar calendar = s.calendarOf(policy);
        List<SlaClockEntity> rows = new ArrayList<>();
        for (SlaClockKind kind : SlaClockKind.values()) {
            SlaClock c = SlaClock.start(ticket.ticketId, kind, policy, calendar, ticket.priority, ticket.openedAt)
                    .routedTo(ticket.queue, ticket.vipTier);
            outbox.publish(c.started());
            SlaClockEntity row = new SlaClockEntity();
            row.update(c, clock.instant());
            rows.add(row);
        }
        ticket.earlyChanges.stream().sorted(Comparator.comparing(TicketSlaEntity.EarlyChange::at))
                .forEach(early -> apply(rows, s, early.to(), early.at()));
        rows.forEach(r -> r.persist());
        ticket.earlyChanges = new ArrayList<>();
        ticket.clocksStarted = true;
        return rows;
    }

    /** The decision's named policy (dedicated VIP queues), else the priority's; a missing named one falls back. */
    private static SlaPolicy policyFor(TicketSlaEntity ticket, Settings s) {
        if (ticket.slaPolicy != null) {
            SlaPolicy named = s.policies().get(ticket.slaPolicy);
            if (named != null) {
                return named;
            }
            LOG.warnf("ticket %s: SLA policy %s does not exist; using %s", ticket.ticketId, ticket.slaPolicy, ticket.priority);
        }
        SlaPolicy byPriority = s.policies().get(SlaPolicy.forPriority(ticket.priority));
        if (byPriority == null) {
            throw new IllegalStateException("no SLA policy for " + ticket.priority);
        }
        return byPriority;
    }

    private static BusinessCalendar calendarOf(SlaClockEntity row, Settings s) {
        BusinessCalendar c = s.calendars().get(row.calendar);
        if (c == null) {
            throw new IllegalStateException("clock " + row.ticketId + "/" + row.clock + " runs on the unknown calendar " + row.calendar);
        }
        return c;
    }

    /** Event times as PostgreSQL keeps them (microseconds), so stored clocks compute what fresh ones did. */
    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Creates the batch's unknown tickets and locks all of them with their clocks, in ticket order (both topics'
     * consumers lock in the same order), in three statements.
     */
    private void lockTickets(List<String> ticketIds) {
        var em = Panache.getEntityManager();
        BatchLocks.createAndLock(em, "ticket_sla", "ticket_id", TicketSlaEntity.class, ticketIds, clock.instant());
        BatchLocks.lock(em, "sla_clock", "ticket_id", SlaClockEntity.class, ticketIds, "clock");
    }

    /** The ticket, locked by {@link #lockTickets} for this batch (found in the session). */
    private static TicketSlaEntity lockTicket(String ticketId) {
        return Panache.getEntityManager().find(TicketSlaEntity.class, ticketId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Response first, then resolution; locked: a firing pass reads the clock, changes it and writes it back, and a
     * change must not be lost in between. Found by id, so clocks started earlier in this batch (not flushed yet)
     * are found and no query flushes the session.
     */
    private static List<SlaClockEntity> clocks(String ticketId) {
        List<SlaClockEntity> rows = new ArrayList<>(2);
        for (SlaClockKind kind : List.of(SlaClockKind.RESPONSE, SlaClockKind.RESOLUTION)) {
            SlaClockEntity row = Panache.getEntityManager().find(SlaClockEntity.class, new SlaClockEntity.Key(ticketId, kind),
                    LockModeType.PESSIMISTIC_WRITE);
            if (row != null) {
                rows.add(row);
            }
        }
        return rows;
    }

    /**
     * Fires the milestones of up to {@code limit} clocks due by {@code now}. Rows another transaction holds
     * (a consumer changing the clock, another instance firing it) are skipped, so two instances share the
     * due clocks without firing one twice; each firing's event id derives from its idempotency key.
     * Plain JDBC in batches: this is the path a burst of deadlines takes, thousands of clocks a second.
     */
    @Transactional
    public FiredBatch fireDue(Instant now, int limit) {
        Settings s = settings.settings();
        List<SlaClock.Firing> firings = new ArrayList<>();
        List<Outbox.Keyed> events = new ArrayList<>();
        List<Instant> next = new ArrayList<>();
        int clocks = 0;
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT ticket_id, clock, policy, priority, calendar, target_ms,"
                     + " milestones::text, started_at, excluded::text, paused_since, stopped_at, deadline, deadline_version, fired::text,"
                     + " queue, vip_tier"
                     + " FROM sla_clock WHERE next_due_at <= ? ORDER BY next_due_at LIMIT ? FOR UPDATE SKIP LOCKED");
             PreparedStatement update = c.prepareStatement("UPDATE sla_clock c SET fired = v.fired::jsonb,"
                     + " next_due_at = v.next_due, next_milestone = v.next_milestone, updated_at = ?"
                     + " FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])"
                     + " AS v(ticket_id, clock, fired, next_due, next_milestone)"
                     + " WHERE c.ticket_id = v.ticket_id AND c.clock = v.clock")) {
            // One UPDATE for the whole batch: a burst of deadlines is thousands of clocks a second.
            List<String> ids = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            List<String> firedSets = new ArrayList<>();
            List<Timestamp> nextDues = new ArrayList<>();
            List<String> nextMilestones = new ArrayList<>();
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    clocks++;
                    SlaClock clock = read(rs, s);
                    for (SlaClock.Firing f : clock.fireDue(now)) {
                        events.add(new Outbox.Keyed(f.event(), f.key(), f.deadline()));
                        firings.add(f);
                    }
                    SlaClock.Due due = clock.nextDue().orElse(null);
                    ids.add(clock.ticketId());
                    kinds.add(clock.kind().name());
                    firedSets.add(json.writeValueAsString(clock.fired()));
                    nextDues.add(due == null ? null : Timestamp.from(due.at()));
                    nextMilestones.add(due == null ? null : due.milestone().code());
                    if (due != null) {
                        next.add(due.at());
                    }
                }
            }
            if (clocks > 0) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setArray(2, c.createArrayOf("text", ids.toArray()));
                update.setArray(3, c.createArrayOf("text", kinds.toArray()));
                update.setArray(4, c.createArrayOf("text", firedSets.toArray()));
                update.setArray(5, c.createArrayOf("timestamptz", nextDues.toArray()));
                update.setArray(6, c.createArrayOf("text", nextMilestones.toArray()));
                update.executeUpdate();
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fire the due clocks", e);
        }
        outbox.publishAll(events);
        return new FiredBatch(clocks, firings, next);
    }

    private SlaClock read(ResultSet rs, Settings s) throws SQLException, JsonProcessingException {
        String calendarName = rs.getString("calendar");
        BusinessCalendar calendar = s.calendars().get(calendarName);
        if (calendar == null) {
            throw new IllegalStateException("clock " + rs.getString("ticket_id") + " runs on the unknown calendar " + calendarName);
        }
        String milestonesJson = rs.getString("milestones");
        List<Milestone> milestones = parsedMilestones.get(milestonesJson);
        if (milestones == null) {
            // Clocks of one policy share their milestones: parse each distinct list once.
            milestones = json.readValue(milestonesJson, MILESTONES);
            if (parsedMilestones.size() > 10_000) {
                parsedMilestones.clear();
            }
            parsedMilestones.put(milestonesJson, milestones);
        }
        String excludedJson = rs.getString("excluded");
        List<SlaClock.Interval> excluded = "[]".equals(excludedJson) ? List.of() : json.readValue(excludedJson, INTERVALS);
        String firedJson = rs.getString("fired");
        Set<String> fired = "[]".equals(firedJson) ? Set.of() : new HashSet<>(json.readValue(firedJson, STRINGS));
        return SlaClock.restore(rs.getString("ticket_id"), SlaClockKind.valueOf(rs.getString("clock")), rs.getString("policy"),
                Priority.valueOf(rs.getString("priority")), calendar, Duration.ofMillis(rs.getLong("target_ms")), milestones,
                instant(rs, "started_at"), excluded, instant(rs, "paused_since"), instant(rs, "stopped_at"),
                instant(rs, "deadline"), rs.getInt("deadline_version"), fired).routedTo(rs.getString("queue"), rs.getString("vip_tier"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    /**
     * Whether a clock due by {@code now} is left that no pass has fired (e.g. it was locked during the last one).
     * Asked after every pass, so it reads the earliest due moment (one index entry) rather than counting: the count
     * was PostgreSQL's largest cost in the timer bench (~220 ms a call with 1.1 M clocks).
     */
    @Transactional
    public boolean anyDue(Instant now) {
        return !Panache.getEntityManager().createQuery("select c.nextDueAt from SlaClockEntity c where c.nextDueAt <= ?1"
                        + " order by c.nextDueAt", Instant.class)
                .setParameter(1, now).setMaxResults(1).getResultList().isEmpty();
    }

    /** The distinct moments timers fall due before {@code until}, overdue ones included. */
    @Transactional
    public List<Instant> dueBefore(Instant until, int limit) {
        return Panache.getEntityManager().createQuery(
                        "select distinct c.nextDueAt from SlaClockEntity c where c.nextDueAt < ?1 order by c.nextDueAt", Instant.class)
                .setParameter(1, until).setMaxResults(limit).getResultList();
    }

    /** The ticket's clocks, response first. */
    public List<SlaClockEntity> clocksOf(String ticketId) {
        return SlaClockEntity.list("ticketId = ?1 order by clock desc", ticketId);
    }

    public SlaClock toDomain(SlaClockEntity row) {
        return row.toDomain(calendarOf(row, settings.settings()));
    }

    /** Running clocks by deadline, soonest (or most overdue) first. */
    public List<SlaClockEntity> atRisk(Priority priority, String queue, Boolean vip, String vipTier, Instant before, int limit) {
        StringBuilder q = new StringBuilder("state = :running");
        Map<String, Object> params = new HashMap<>();
        params.put("running", SlaClock.State.RUNNING);
        if (priority != null) {
            q.append(" and priority = :priority");
            params.put("priority", priority);
        }
        if (queue != null) {
            q.append(" and queue = :queue");
            params.put("queue", queue);
        }
        if (vipTier != null) {
            q.append(" and vipTier = :tier");
            params.put("tier", vipTier);
        } else if (vip != null) {
            q.append(vip ? " and vipTier is not null" : " and vipTier is null");
        }
        if (before != null) {
            q.append(" and deadline < :before");
            params.put("before", before);
        }
        q.append(" order by deadline, ticketId, clock");
        return SlaClockEntity.<SlaClockEntity>find(q.toString(), params).page(0, limit).list();
    }
}
