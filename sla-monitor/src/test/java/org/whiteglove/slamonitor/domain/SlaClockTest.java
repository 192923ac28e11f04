package org.whiteglove.slamonitor.domain;

import org.junit.jupiter.api.Test;
import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.SlaEvent;
import org.whiteglove.events.SlaMet;
import org.whiteglove.events.SlaPaused;
import org.whiteglove.events.SlaRecalculated;
import org.whiteglove.events.SlaResumed;
import org.whiteglove.events.SlaWarning;
import org.whiteglove.events.TicketStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.whiteglove.slamonitor.domain.BusinessCalendarTest.OFFICE;
import static org.whiteglove.slamonitor.domain.BusinessCalendarTest.berlin;

class SlaClockTest {

    static final BusinessCalendar ALWAYS = BusinessCalendar.twentyFourSeven("24x7");
    static final Map<String, SlaPolicy> POLICIES = DefaultSettings.policies().stream()
            .collect(Collectors.toMap(SlaPolicy::name, Function.identity()));

    static SlaPolicy withCalendar(String name, String calendar, Reprioritization rule) {
        SlaPolicy p = POLICIES.get(name);
        return new SlaPolicy(p.name(), p.responseTarget(), p.resolutionTarget(), calendar, p.warningPercents(),
                p.warningsBefore(), p.escalations(), rule);
    }

    static SlaClock p2Resolution(Instant opened) {
        return SlaClock.start("T-1", SlaClockKind.RESOLUTION, POLICIES.get("P2"), ALWAYS, Priority.P2, opened);
    }

    @Test
    void warningsBreachAndEscalationsFireInOrderAtTheirMoments() {
        Instant opened = Instant.parse("2026-11-20T10:00:00Z");
        SlaClock clock = p2Resolution(opened); // 8 h, warnings 75/90 %, escalations +0, +30 min, +2 h
        assertEquals(opened.plus(Duration.ofHours(8)), clock.deadline());
        assertEquals(opened.plus(Duration.ofHours(6)), clock.nextDue().orElseThrow().at());

        assertTrue(events(clock, opened.plus(Duration.ofHours(5))).isEmpty());
        List<SlaEvent> atSix = events(clock, opened.plus(Duration.ofHours(6)));
        assertEquals(75, assertInstanceOf(SlaWarning.class, atSix.get(0)).thresholdPercent());
        assertTrue(events(clock, opened.plus(Duration.ofHours(6))).isEmpty(), "fires once");

        List<SlaEvent> late = events(clock, opened.plus(Duration.ofHours(11)));
        assertEquals(List.of("SlaWarning", "SlaBreached", "EscalationRaised", "EscalationRaised", "EscalationRaised"),
                late.stream().map(e -> e.getClass().getSimpleName()).toList());
        assertEquals(90, ((SlaWarning) late.get(0)).thresholdPercent());
        assertEquals(List.of(1, 2, 3), late.stream().filter(e -> e instanceof EscalationRaised)
                .map(e -> ((EscalationRaised) e).level()).toList());
        assertEquals("desk-manager", ((EscalationRaised) late.get(3)).targetGroup());
        assertFalse(clock.nextDue().isPresent(), "nothing left to fire");
    }

    @Test
    void aPauseAcrossTheWeekendMovesTheDeadlineByThePause() {
        Instant friday = Instant.parse("2026-11-20T12:00:00Z");
        SlaClock clock = p2Resolution(friday);
        SlaPaused paused = (SlaPaused) clock.pause(friday.plus(Duration.ofHours(2))).orElseThrow();
        assertEquals(friday.plus(Duration.ofHours(2)), paused.pausedAt());

        Instant saturday = Instant.parse("2026-11-21T12:00:00Z");
        assertTrue(events(clock, saturday).isEmpty(), "nothing fires while paused");
        assertTrue(clock.nextDue().isEmpty());
        assertEquals(Duration.ofHours(2), clock.elapsed(saturday));

        Instant monday = Instant.parse("2026-11-23T09:00:00Z");
        SlaResumed resumed = (SlaResumed) clock.resume(monday).orElseThrow();
        assertEquals(Instant.parse("2026-11-23T15:00:00Z"), resumed.deadline());
        assertEquals(2, resumed.deadlineVersion());
        assertEquals(Duration.ofHours(2), clock.elapsed(monday));
        assertEquals(Duration.ofHours(67), clock.pausedTime(monday));
        assertEquals(Instant.parse("2026-11-23T13:00:00Z"), clock.nextDue().orElseThrow().at(), "75 % = 6 h of 8");
    }

    @Test
    void businessHoursPausesCountOnlyWorkingTime() {
        SlaClock clock = SlaClock.start("T-2", SlaClockKind.RESPONSE, withCalendar("P3", "office", null), OFFICE, Priority.P3,
                berlin("2026-11-20T15:00"));
        assertEquals(berlin("2026-11-23T11:00"), clock.deadline(), "4 business hours: 2 on Friday, 2 on Monday");
        clock.pause(berlin("2026-11-20T16:00"));
        clock.resume(berlin("2026-11-23T10:00"));
        assertEquals(Duration.ofHours(2), clock.pausedTime(berlin("2026-11-23T10:00")), "Friday 16–17 and Monday 9–10");
        assertEquals(berlin("2026-11-23T13:00"), clock.deadline());
    }

    @Test
    void stoppingRecordsMetOrLate() {
        Instant opened = Instant.parse("2026-11-20T10:00:00Z");
        SlaClock onTime = p2Resolution(opened);
        SlaMet met = (SlaMet) onTime.stop(opened.plus(Duration.ofHours(3))).orElseThrow();
        assertTrue(met.withinTarget());
        assertEquals(Duration.ofHours(3), met.businessElapsed());
        assertTrue(events(onTime, opened.plus(Duration.ofDays(3))).isEmpty(), "nothing fires after the clock stopped");
        assertTrue(onTime.stop(opened.plus(Duration.ofHours(4))).isEmpty());

        SlaClock late = p2Resolution(opened);
        events(late, opened.plus(Duration.ofHours(9)));
        assertFalse(((SlaMet) late.stop(opened.plus(Duration.ofHours(9))).orElseThrow()).withinTarget());
    }

    @Test
    void aStopInTheClosedHoursAfterADeadlineAtClosingTimeIsLate() {
        SlaPolicy policy = new SlaPolicy("office-4h", Duration.ofHours(4), Duration.ofHours(8), "office", List.of(), List.of(), List.of(), null);
        Instant opened = berlin("2026-11-20T13:00"); // a Friday: the 4 business hours end at closing time
        SlaClock late = SlaClock.start("T-7", SlaClockKind.RESPONSE, policy, OFFICE, Priority.P3, opened);
        assertEquals(berlin("2026-11-20T17:00"), late.deadline());
        SlaMet afterClosing = (SlaMet) late.stop(berlin("2026-11-20T17:30")).orElseThrow();
        assertEquals(Duration.ofHours(4), afterClosing.businessElapsed(), "no business time passed after 17:00");
        assertFalse(afterClosing.withinTarget(), "the breach fell due at 17:00");

        SlaClock onTime = SlaClock.start("T-8", SlaClockKind.RESPONSE, policy, OFFICE, Priority.P3, opened);
        assertTrue(((SlaMet) onTime.stop(berlin("2026-11-20T17:00")).orElseThrow()).withinTarget(), "at the deadline is in time");
    }

    @Test
    void reprioritizingWhilePausedKeepsThePausedTime() {
        Instant opened = Instant.parse("2026-11-20T10:00:00Z");
        SlaClock clock = SlaClock.start("T-3", SlaClockKind.RESOLUTION, withCalendar("P4", "24x7", null), ALWAYS, Priority.P4, opened);
        assertEquals(opened.plus(Duration.ofHours(40)), clock.deadline());
        clock.pause(opened.plus(Duration.ofHours(1)));

        Instant at = opened.plus(Duration.ofHours(5));
        SlaRecalculated recalculated = (SlaRecalculated) clock.reprioritize(POLICIES.get("P2"), ALWAYS, Priority.P2, at, "re-prioritized")
                .orElseThrow();
        assertEquals(opened.plus(Duration.ofHours(44)), recalculated.oldDeadline(), "projected as if resumed now");
        assertEquals(opened.plus(Duration.ofHours(12)), recalculated.newDeadline(), "8 h from the opening plus 4 h paused");
        assertTrue(recalculated.reason().contains("P4→P2"), recalculated.reason());
        assertEquals(SlaClock.State.PAUSED, clock.state(), "still pending on the customer");
        assertEquals(Duration.ofHours(1), clock.elapsed(at));

        clock.resume(opened.plus(Duration.ofHours(6)));
        assertEquals(opened.plus(Duration.ofHours(13)), clock.deadline(), "paused 5 h in total");
        assertEquals(Duration.ofHours(8), clock.target());
    }

    @Test
    void restartCountsFromTheNewDecisionAndKeepTighterNeverLoosens() {
        Instant opened = Instant.parse("2026-11-20T10:00:00Z");
        Instant at = opened.plus(Duration.ofHours(7));

        SlaClock restarted = p2Resolution(opened);
        events(restarted, at);
        SlaRecalculated r = (SlaRecalculated) restarted.reprioritize(withCalendar("P1", "24x7", Reprioritization.RESTART), ALWAYS,
                Priority.P1, at, "re-prioritized").orElseThrow();
        assertEquals(at.plus(Duration.ofHours(4)), r.newDeadline());
        assertTrue(restarted.fired().isEmpty(), "a restarted clock may warn again");

        SlaClock tighter = p2Resolution(opened);
        assertTrue(tighter.reprioritize(withCalendar("P4", "24x7", Reprioritization.KEEP_TIGHTER), ALWAYS, Priority.P4, at, "x").isEmpty(),
                "40 h would loosen an 8 h deadline");
        assertEquals(opened.plus(Duration.ofHours(8)), tighter.deadline());
        SlaRecalculated tightened = (SlaRecalculated) tighter.reprioritize(withCalendar("P1", "24x7", Reprioritization.KEEP_TIGHTER),
                ALWAYS, Priority.P1, at, "x").orElseThrow();
        assertEquals(opened.plus(Duration.ofHours(4)), tightened.newDeadline());
        // The tighter deadline is already past: breach and escalations are due at once.
        assertInstanceOf(SlaBreached.class, events(tighter, at).stream().filter(e -> e instanceof SlaBreached).findFirst().orElseThrow());
    }

    @Test
    void theLifecycleMovesBothClocks() {
        Instant opened = Instant.parse("2026-11-20T10:00:00Z");
        SlaClock response = SlaClock.start("T-4", SlaClockKind.RESPONSE, POLICIES.get("P2"), ALWAYS, Priority.P2, opened);
        SlaClock resolution = p2Resolution(opened);
        List<SlaClock> both = List.of(response, resolution);

        assertEquals(List.of(SlaMet.class), types(SlaLifecycle.onStatusChange(both, TicketStatus.RESPONDED, opened.plusSeconds(600))));
        assertEquals(List.of(SlaPaused.class), types(SlaLifecycle.onStatusChange(both, TicketStatus.PENDING_CUSTOMER, opened.plusSeconds(3600))));
        assertEquals(List.of(SlaResumed.class), types(SlaLifecycle.onStatusChange(both, TicketStatus.IN_PROGRESS, opened.plusSeconds(7200))));
        assertEquals(List.of(SlaMet.class), types(SlaLifecycle.onStatusChange(both, TicketStatus.RESOLVED, opened.plusSeconds(3 * 3600))));
        assertEquals(Duration.ofHours(2), resolution.elapsed(opened.plus(Duration.ofDays(1))));

        // Reopened a day later: the day it stood resolved does not count.
        SlaResumed reopened = (SlaResumed) SlaLifecycle.onStatusChange(both, TicketStatus.REOPENED, opened.plus(Duration.ofHours(27))).get(0);
        assertEquals(opened.plus(Duration.ofHours(27 + 6)), reopened.deadline());
        assertEquals(SlaClock.State.STOPPED, response.state(), "the first response stays recorded");
    }

    @Test
    void resolvingWhilePendingStopsWithoutCountingThePause() {
        Instant opened = Instant.parse("2026-11-20T10:00:00Z");
        SlaClock clock = p2Resolution(opened);
        clock.pause(opened.plus(Duration.ofHours(1)));
        SlaMet met = (SlaMet) SlaLifecycle.onStatusChange(List.of(clock), TicketStatus.RESOLVED, opened.plus(Duration.ofHours(30))).get(0);
        assertEquals(Duration.ofHours(1), met.businessElapsed());
        assertTrue(met.withinTarget());
        assertEquals(opened.plus(Duration.ofHours(30 + 7)), met.deadline(), "the deadline moved past the pause the stop ended");
    }

    @Test
    void warningsBeforeTheDeadlineAreBusinessTime() {
        SlaPolicy policy = new SlaPolicy("short", Duration.ofHours(4), Duration.ofHours(8), "office", List.of(),
                List.of(Duration.ofMinutes(30)), List.of(), null);
        SlaClock clock = SlaClock.start("T-5", SlaClockKind.RESPONSE, policy, OFFICE, Priority.P3, berlin("2026-11-20T15:00"));
        SlaClock.Due due = clock.nextDue().orElseThrow();
        assertEquals(berlin("2026-11-23T10:30"), due.at());
        assertEquals(87, due.milestone().percent());
    }

    private static List<SlaEvent> events(SlaClock clock, Instant now) {
        return clock.fireDue(now).stream().map(SlaClock.Firing::event).toList();
    }

    private static List<Class<?>> types(List<SlaEvent> events) {
        return events.stream().<Class<?>>map(Object::getClass).toList();
    }
}
