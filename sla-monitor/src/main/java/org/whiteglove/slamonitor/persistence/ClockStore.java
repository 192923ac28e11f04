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
import org.whiteglove.runtime.precedence.CriticalFirst;
import org.whiteglove.slamonitor.config.SlaConfig;
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
import java.util.Arrays;
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
    private final CriticalFirst<SlaClockKey> firingOrder;

    public ClockStore(Inbox inbox, Outbox outbox, SettingsStore settings, Clock clock, AgroalDataSource dataSource, ObjectMapper json,
                      SlaConfig config) {
        this.firingOrder = new CriticalFirst<>(config.timers().lead());
        this.inbox = inbox;
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        this.dataSource = dataSource;
        this.json = json;
    }

    /** A firing batch: how many clocks fired, their milestones, and the clocks' next timers. */
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

    /** Each priority's range of the index {@code (priority, next_due_at)}: the due clocks are always read per priority. */
    private static final String PER_PRIORITY = " FROM unnest(?::text[]) AS p(priority) CROSS JOIN LATERAL";
    /** Each priority's earliest due clocks. */
    private static final String DUE_BY_PRIORITY = "SELECT p.priority, d.ticket_id, d.clock, d.next_due_at" + PER_PRIORITY
            + " (SELECT ticket_id, clock, next_due_at FROM sla_clock WHERE priority = p.priority AND next_due_at <= ?"
            + " ORDER BY next_due_at LIMIT ?) d";
    private static final String[] PRIORITIES = Arrays.stream(Priority.values()).map(Priority::name).toArray(String[]::new);

    /**
     * Fires the milestones of up to {@code limit} clocks due by {@code now}, critical first ({@link CriticalFirst}): when
     * more are due than one pass fires, a P1 breach does not wait behind a burst of P4 warnings that fell due shortly
     * before it, and its event is published first. The order is chosen from twice {@code limit} candidates, and the
     * first {@code limit} of them that no other transaction holds are locked ({@code SKIP LOCKED}: a consumer changing a
     * clock, another firing thread or instance): so several share a burst without firing a clock twice; each firing's
     * event id derives from its idempotency key. Plain JDBC in batches: this is the path a burst of deadlines takes,
     * thousands of clocks a second.
     */
    @Transactional
    public FiredBatch fireDue(Instant now, int limit) {
        Settings s = settings.settings();
        List<SlaClock.Firing> firings = new ArrayList<>();
        List<Outbox.Keyed> events = new ArrayList<>();
        List<Instant> next = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT c.ticket_id, c.clock, policy, priority, calendar, target_ms,"
                     + " milestones::text, started_at, excluded::text, paused_since, stopped_at, deadline, deadline_version, fired::text,"
                     + " queue, vip_tier FROM sla_clock c JOIN unnest(?::text[], ?::text[]) WITH ORDINALITY AS k(ticket_id, clock, place)"
                     + " ON c.ticket_id = k.ticket_id AND c.clock = k.clock"
                     + " WHERE c.next_due_at <= ? ORDER BY k.place LIMIT ? FOR UPDATE OF c SKIP LOCKED");
             PreparedStatement update = c.prepareStatement("UPDATE sla_clock c SET fired = v.fired::jsonb,"
                     + " next_due_at = v.next_due, next_milestone = v.next_milestone, updated_at = ?"
                     + " FROM unnest(?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[])"
                     + " AS v(ticket_id, clock, fired, next_due, next_milestone)"
                     + " WHERE c.ticket_id = v.ticket_id AND c.clock = v.clock")) {
            List<SlaClockKey> candidates = nextToFire(c, now, 2 * limit);
            // The candidates were read unlocked: locking them checks again that each is still due.
            select.setArray(1, c.createArrayOf("text", candidates.stream().map(SlaClockKey::ticketId).toArray()));
            select.setArray(2, c.createArrayOf("text", candidates.stream().map(SlaClockKey::clock).toArray()));
            select.setTimestamp(3, Timestamp.from(now));
            select.setInt(4, limit);
            // One UPDATE for the whole batch: a burst of deadlines is thousands of clocks a second.
            List<String> ids = new ArrayList<>();
            List<String> kinds = new ArrayList<>();
            List<String> firedSets = new ArrayList<>();
            List<Timestamp> nextDues = new ArrayList<>();
            List<String> nextMilestones = new ArrayList<>();
            try (ResultSet rs = candidates.isEmpty() ? null : select.executeQuery()) {
                while (rs != null && rs.next()) {
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
            if (!ids.isEmpty()) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setArray(2, c.createArrayOf("text", ids.toArray()));
                update.setArray(3, c.createArrayOf("text", kinds.toArray()));
                update.setArray(4, c.createArrayOf("text", firedSets.toArray()));
                update.setArray(5, c.createArrayOf("timestamptz", nextDues.toArray()));
                update.setArray(6, c.createArrayOf("text", nextMilestones.toArray()));
                update.executeUpdate();
            }
            outbox.publishAll(events);
            return new FiredBatch(ids.size(), firings, next);
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fire the due clocks", e);
        }
    }

    private record SlaClockKey(String ticketId, String clock) implements Comparable<SlaClockKey> {
        @Override
        public int compareTo(SlaClockKey o) {
            int byTicket = ticketId.compareTo(o.ticketId);
            return byTicket != 0 ? byTicket : clock.compareTo(o.clock);
        }
    }

    /** The next {@code limit} clocks due by {@code now}, in the order they fire. */
    private List<SlaClockKey> nextToFire(Connection c, Instant now, int limit) throws SQLException {
        List<CriticalFirst.Due<SlaClockKey>> due = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement(DUE_BY_PRIORITY)) {
            select.setArray(1, c.createArrayOf("text", PRIORITIES));
            select.setTimestamp(2, Timestamp.from(now));
            select.setInt(3, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(new CriticalFirst.Due<>(new SlaClockKey(rs.getString(2), rs.getString(3)), Priority.valueOf(rs.getString(1)),
                            rs.getTimestamp(4).toInstant()));
                }
            }
        }
        return firingOrder.first(due, limit);
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
     * Asked after every pass, so it reads each priority's earliest due moment (one index entry each) rather than
     * counting: the count was PostgreSQL's largest cost in the timer bench (~220 ms a call with 1.1 M clocks).
     */
    @Transactional
    public boolean anyDue(Instant now) {
        return !moments(ANY_DUE, now, 1).isEmpty();
    }

    /** The distinct moments timers fall due before {@code until}, overdue ones included, earliest first. */
    @Transactional
    public List<Instant> dueBefore(Instant until, int limit) {
        return moments(MOMENTS_BEFORE, until, limit);
    }

    private static final String ANY_DUE = "SELECT d.next_due_at" + PER_PRIORITY
            + " (SELECT next_due_at FROM sla_clock WHERE priority = p.priority AND next_due_at <= ? ORDER BY next_due_at LIMIT ?) d"
            + " ORDER BY 1 LIMIT ?";
    private static final String MOMENTS_BEFORE = "SELECT DISTINCT d.next_due_at" + PER_PRIORITY
            + " (SELECT DISTINCT next_due_at FROM sla_clock WHERE priority = p.priority AND next_due_at < ? ORDER BY next_due_at LIMIT ?) d"
            + " ORDER BY 1 LIMIT ?";

    /** The earliest {@code limit} moments a query of each priority's range of the due index finds, earliest first. */
    private List<Instant> moments(String sql, Instant bound, int limit) {
        List<Instant> moments = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(sql)) {
            select.setArray(1, c.createArrayOf("text", PRIORITIES));
            select.setTimestamp(2, Timestamp.from(bound));
            select.setInt(3, limit);
            select.setInt(4, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    moments.add(rs.getTimestamp(1).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the due timers", e);
        }
        return moments;
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
