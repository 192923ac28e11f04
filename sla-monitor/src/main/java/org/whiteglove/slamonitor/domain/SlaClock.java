package org.whiteglove.slamonitor.domain;

import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.SlaEvent;
import org.whiteglove.events.SlaMet;
import org.whiteglove.events.SlaPaused;
import org.whiteglove.events.SlaRecalculated;
import org.whiteglove.events.SlaResumed;
import org.whiteglove.events.SlaStarted;
import org.whiteglove.events.SlaWarning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One of a ticket's two clocks (time to first response, time to resolution), in business time.
 * Elapsed time is working time since {@code start} minus working time inside excluded intervals (pauses
 * while pending on the customer; the gap between resolution and reopening). Every change of the
 * deadline raises {@code deadlineVersion}, part of each firing's idempotency key. A milestone fires at
 * most once per clock (its code is remembered in {@code fired}) unless the clock is restarted.
 */
public final class SlaClock {

    public enum State { RUNNING, PAUSED, STOPPED }

    /** A stretch of time the clock did not run, {@code from} inclusive, {@code to} exclusive. */
    public record Interval(Instant from, Instant to) {
    }

    private final String ticketId;
    private final SlaClockKind kind;
    private String policy;
    private Priority priority;
    private String queue;
    private String vipTier;
    private BusinessCalendar calendar;
    private Duration target;
    private List<Milestone> milestones;
    private Instant start;
    private final List<Interval> excluded;
    private Instant pausedSince;
    private Instant stoppedAt;
    private Instant deadline;
    private int deadlineVersion;
    private final Set<String> fired;

    private SlaClock(String ticketId, SlaClockKind kind, String policy, Priority priority, BusinessCalendar calendar,
                     Duration target, List<Milestone> milestones, Instant start, List<Interval> excluded,
                     Instant pausedSince, Instant stoppedAt, Instant deadline, int deadlineVersion, Set<String> fired) {
        this.ticketId = ticketId;
        this.kind = kind;
        this.policy = policy;
        this.priority = priority;
        this.calendar = calendar;
        this.target = target;
        this.milestones = List.copyOf(milestones);
        this.start = start;
        this.excluded = new ArrayList<>(excluded);
        this.excluded.sort(Comparator.comparing(Interval::from));
        this.pausedSince = pausedSince;
        this.stoppedAt = stoppedAt;
        this.deadline = deadline;
        this.deadlineVersion = deadlineVersion;
        this.fired = new LinkedHashSet<>(fired);
    }

    /**
     * Where the ticket's decision sent it (queue, VIP tier; null for a non-VIP); carried on every firing so the
     * notifier routes an alert by it without waiting for the ticket's own events.
     */
    public SlaClock routedTo(String newQueue, String newVipTier) {
        this.queue = newQueue;
        this.vipTier = newVipTier;
        return this;
    }

    /** A clock as stored; nothing is recomputed. */
    public static SlaClock restore(String ticketId, SlaClockKind kind, String policy, Priority priority,
                                   BusinessCalendar calendar, Duration target, List<Milestone> milestones, Instant start,
                                   List<Interval> excluded, Instant pausedSince, Instant stoppedAt, Instant deadline,
                                   int deadlineVersion, Set<String> fired) {
        return new SlaClock(ticketId, kind, policy, priority, calendar, target, milestones, start, excluded,
                pausedSince, stoppedAt, deadline, deadlineVersion, fired);
    }

    /** Starts a clock at the ticket's opening (which may lie in the past when events arrive late). */
    public static SlaClock start(String ticketId, SlaClockKind kind, SlaPolicy policy, BusinessCalendar calendar,
                                 Priority priority, Instant openedAt) {
        Duration target = policy.target(kind);
        SlaClock clock = new SlaClock(ticketId, kind, policy.name(), priority, calendar, target,
                Milestone.of(policy, target), openedAt, List.of(), null, null, null, 1, Set.of());
        clock.deadline = clock.instantAtElapsed(target, openedAt);
        return clock;
    }

    public SlaStarted started() {
        return new SlaStarted(ticketId, kind, policy, priority, calendar.name(), target, deadline, deadlineVersion, start);
    }

    public State state() {
        if (stoppedAt != null) {
            return State.STOPPED;
        }
        return pausedSince != null ? State.PAUSED : State.RUNNING;
    }

    /** Business time the clock has run by {@code now}, pauses excluded. */
    public Duration elapsed(Instant now) {
        Instant end = stoppedAt != null ? stoppedAt : pausedSince != null ? pausedSince : now;
        if (!end.isAfter(start)) {
            return Duration.ZERO;
        }
        Duration total = calendar.elapsed(start, end);
        for (Interval x : excluded) {
            Instant from = x.from().isAfter(start) ? x.from() : start;
            Instant to = x.to().isBefore(end) ? x.to() : end;
            total = total.minus(calendar.elapsed(from, to));
        }
        return total;
    }

    /** Business time excluded so far (pending on the customer, resolved before a reopening). */
    public Duration pausedTime(Instant now) {
        Duration total = Duration.ZERO;
        for (Interval x : exclusions(now)) {
            Instant from = x.from().isAfter(start) ? x.from() : start;
            total = total.plus(calendar.elapsed(from, x.to()));
        }
        return total;
    }

    public Duration remaining(Instant now) {
        return target.minus(elapsed(now));
    }

    /**
     * The instant the clock reaches {@code point} of elapsed business time, if it runs from {@code now}
     * on without further pauses (a paused clock is taken as resumed at {@code now}).
     */
    public Instant instantAtElapsed(Duration point, Instant now) {
        Instant cursor = start;
        Duration remaining = point;
        for (Interval x : exclusions(now)) {
            if (!x.to().isAfter(cursor)) {
                continue;
            }
            if (x.from().isAfter(cursor)) {
                Duration available = calendar.elapsed(cursor, x.from());
                if (available.compareTo(remaining) >= 0) {
                    return calendar.deadline(cursor, remaining);
                }
                remaining = remaining.minus(available);
            }
            cursor = x.to();
        }
        return calendar.deadline(cursor, remaining);
    }

    private List<Interval> exclusions(Instant now) {
        if (pausedSince == null) {
            return excluded;
        }
        List<Interval> all = new ArrayList<>(excluded);
        all.add(new Interval(pausedSince, now.isAfter(pausedSince) ? now : pausedSince));
        return all;
    }

    /** The next milestone to fire and its instant, for a running clock. */
    public Optional<Due> nextDue() {
        if (state() != State.RUNNING) {
            return Optional.empty();
        }
        return milestones.stream().filter(m -> !fired.contains(m.code())).findFirst()
                .map(m -> new Due(m, instantAtElapsed(m.atElapsed(), start)));
    }

    public record Due(Milestone milestone, Instant at) {
    }

    /**
     * A milestone that fired: its event, the moment it was due (for the firing delay), and the deadline and version it
     * fired for (the deadline is as fixed as the version: every change of the deadline is a new version).
     */
    public record Firing(Milestone milestone, Instant dueAt, Instant deadline, int deadlineVersion, SlaEvent event) {

        /** The idempotency key of a timer: ticket, clock, milestone, deadline version. */
        public String key() {
            return event.ticketId() + "/" + event.clock() + "/" + milestone.code() + "/v" + deadlineVersion;
        }
    }

    /** Fires every milestone whose moment has come, in order; nothing while paused or stopped. */
    public List<Firing> fireDue(Instant now) {
        List<Firing> firings = new ArrayList<>();
        Optional<Due> next = nextDue();
        while (next.isPresent() && !next.get().at().isAfter(now)) {
            Milestone m = next.get().milestone();
            fired.add(m.code());
            SlaEvent event = switch (m.kind()) {
                case WARNING -> new SlaWarning(ticketId, kind, m.percent(), deadline, deadlineVersion, now, priority, vipTier, queue);
                case BREACH -> new SlaBreached(ticketId, kind, deadline, deadlineVersion, now, priority, vipTier, queue);
                case ESCALATION -> new EscalationRaised(ticketId, kind, m.level(), m.targetGroup(), deadline, deadlineVersion, now,
                        priority, vipTier, queue);
            };
            firings.add(new Firing(m, next.get().at(), deadline, deadlineVersion, event));
            next = nextDue();
        }
        return firings;
    }

    /** Pending on the customer: the clock stops counting. */
    public Optional<SlaEvent> pause(Instant at) {
        if (state() != State.RUNNING) {
            return Optional.empty();
        }
        pausedSince = at.isAfter(start) ? at : start;
        return Optional.of(new SlaPaused(ticketId, kind, pausedSince));
    }

    /** Counting again; the deadline moves by the business time paused. */
    public Optional<SlaEvent> resume(Instant at) {
        if (state() != State.PAUSED) {
            return Optional.empty();
        }
        closePause(at);
        moveDeadline(at);
        return Optional.of(new SlaResumed(ticketId, kind, deadline, deadlineVersion, at));
    }

    /** First response (response clock) or resolution (resolution clock): met, or met late. */
    public Optional<SlaEvent> stop(Instant at) {
        if (state() == State.STOPPED) {
            return Optional.empty();
        }
        if (state() == State.PAUSED) {
            closePause(at);
            moveDeadline(at); // the pause just ended moves the deadline, as a resumption would
        }
        stoppedAt = at.isAfter(start) ? at : start;
        // Judged by the event's own time against the moment the breach falls due (computed as its timer is): a breach
        // alert fired while this stop was still on its way (the monitor catching up after downtime) does not make a
        // response in time late, and a stop in the closed hours after a deadline at closing time is late, as the alert
        // that fired said (its business time elapsed equals the target, so comparing that would call it met).
        boolean withinTarget = !stoppedAt.isAfter(instantAtElapsed(target, stoppedAt));
        return Optional.of(new SlaMet(ticketId, kind, deadline, withinTarget, elapsed(stoppedAt), stoppedAt));
    }

    /** A reopened ticket: the resolution clock runs on, the time it stood resolved excluded. */
    public Optional<SlaEvent> reopen(Instant at) {
        if (state() != State.STOPPED) {
            return Optional.empty();
        }
        if (at.isAfter(stoppedAt)) {
            excluded.add(new Interval(stoppedAt, at));
        }
        stoppedAt = null;
        moveDeadline(at);
        return Optional.of(new SlaResumed(ticketId, kind, deadline, deadlineVersion, at));
    }

    /**
     * The ticket got another priority or policy. The new policy's rule decides (see {@link Reprioritization});
     * a stopped clock keeps the record of how it ended. Empty when the deadline does not change.
     */
    public Optional<SlaEvent> reprioritize(SlaPolicy newPolicy, BusinessCalendar newCalendar, Priority newPriority,
                                           Instant at, String reason) {
        if (state() == State.STOPPED) {
            return Optional.empty();
        }
        Priority oldPriority = priority;
        priority = newPriority;
        Instant old = state() == State.PAUSED ? instantAtElapsed(target, at) : deadline;
        Duration newTarget = newPolicy.target(kind);
        if (newPolicy.name().equals(policy) && newTarget.equals(target) && newCalendar.equals(calendar)) {
            return Optional.empty();
        }
        Reprioritization rule = newPolicy.onReprioritization();
        if (rule == Reprioritization.KEEP_TIGHTER) {
            SlaClock candidate = copy();
            candidate.adopt(newPolicy, newCalendar, newTarget);
            if (!candidate.instantAtElapsed(newTarget, at).isBefore(old)) {
                return Optional.empty();
            }
        }
        if (rule == Reprioritization.RESTART) {
            start = at;
            excluded.clear();
            fired.clear();
            if (pausedSince != null) {
                pausedSince = at;
            }
        }
        adopt(newPolicy, newCalendar, newTarget);
        moveDeadline(at);
        return Optional.of(new SlaRecalculated(ticketId, kind,
                reason + " (" + oldPriority + "→" + newPriority + ", policy " + newPolicy.name() + ", rule " + rule + ")",
                old, deadline, deadlineVersion, at));
    }

    private void adopt(SlaPolicy newPolicy, BusinessCalendar newCalendar, Duration newTarget) {
        policy = newPolicy.name();
        calendar = newCalendar;
        target = newTarget;
        milestones = Milestone.of(newPolicy, newTarget);
    }

    private void closePause(Instant at) {
        if (at.isAfter(pausedSince)) {
            excluded.add(new Interval(pausedSince, at));
        }
        pausedSince = null;
    }

    private void moveDeadline(Instant at) {
        deadlineVersion++;
        deadline = instantAtElapsed(target, at);
    }

    private SlaClock copy() {
        return new SlaClock(ticketId, kind, policy, priority, calendar, target, milestones, start, excluded,
                pausedSince, stoppedAt, deadline, deadlineVersion, fired).routedTo(queue, vipTier);
    }

    public String ticketId() { return ticketId; }
    public SlaClockKind kind() { return kind; }
    public String policy() { return policy; }
    public Priority priority() { return priority; }
    public String queue() { return queue; }
    public String vipTier() { return vipTier; }
    public BusinessCalendar calendar() { return calendar; }
    public Duration target() { return target; }
    public List<Milestone> milestones() { return milestones; }
    public Instant start() { return start; }
    public List<Interval> excluded() { return List.copyOf(excluded); }
    public Instant pausedSince() { return pausedSince; }
    public Instant stoppedAt() { return stoppedAt; }
    public Instant deadline() { return deadline; }
    public int deadlineVersion() { return deadlineVersion; }
    public Set<String> fired() { return Set.copyOf(fired); }
}
