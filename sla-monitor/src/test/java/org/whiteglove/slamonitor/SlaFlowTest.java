package org.whiteglove.slamonitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.SlaMet;
import org.whiteglove.events.SlaPaused;
import org.whiteglove.events.SlaRecalculated;
import org.whiteglove.events.SlaResumed;
import org.whiteglove.events.SlaStarted;
import org.whiteglove.events.SlaWarning;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.Topics;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestEvents;
import org.whiteglove.infra.testing.TopicRecords;
import org.whiteglove.slamonitor.config.SlaConfig;
import org.whiteglove.slamonitor.persistence.ClockStore;
import org.whiteglove.slamonitor.timer.TimerScheduler;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.whiteglove.slamonitor.SlaTestSupport.allSlaEvents;
import static org.whiteglove.slamonitor.SlaTestSupport.as;
import static org.whiteglove.slamonitor.SlaTestSupport.newTicketId;
import static org.whiteglove.slamonitor.SlaTestSupport.opened;
import static org.whiteglove.slamonitor.SlaTestSupport.prioritized;
import static org.whiteglove.slamonitor.SlaTestSupport.slaEvents;
import static org.whiteglove.slamonitor.SlaTestSupport.status;

/** Clocks driven by real ticket and priority events on the real broker, stored in the real database. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class SlaFlowTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AdjustableClock clock;
    @Inject
    TimerScheduler scheduler;
    @Inject
    ClockStore store;
    @Inject
    SlaConfig config;

    /** A policy of seconds: warning at 50 %, breach, escalation levels at +0 and +1 s. */
    @BeforeEach
    void fastPolicy() {
        as("manager").body("""
                {"responseTarget":"PT2S","resolutionTarget":"PT4S","calendar":"24x7","warningPercents":[50],
                 "escalations":[{"level":1,"afterBreach":"PT0S","targetGroup":"assignee-group"},
                                {"level":2,"afterBreach":"PT1S","targetGroup":"desk-manager"}]}""")
                .put("/api/policies/test-fast").then().statusCode(200);
    }

    @Test
    void clocksStartPauseResumeAndStopWithTheTicket() {
        String id = newTicketId();
        Instant open = clock.instant().minus(Duration.ofMinutes(20));
        opened(id, open);
        prioritized(id, Priority.P2, null, null, null, open.plusMillis(20));

        await().atMost(WAIT).untilAsserted(() -> as("agent").get("/api/tickets/{id}/sla", id).then().statusCode(200)
                .body("clocks", hasSize(2))
                .body("clocks[0].clock", equalTo("RESPONSE"))
                .body("clocks[0].target", equalTo("PT30M"))
                .body("clocks[1].target", equalTo("PT8H"))
                .body("clocks[1].deadline", equalTo(open.plus(Duration.ofHours(8)).toString())));
        List<SlaStarted> started = slaEvents(id, SlaStarted.class, 2, WAIT);
        assertEquals(Set.of(SlaClockKind.RESPONSE, SlaClockKind.RESOLUTION), started.stream().map(SlaStarted::clock).collect(Collectors.toSet()));
        assertTrue(started.stream().allMatch(s -> s.calendar().equals("24x7") && s.policy().equals("P2")));

        status(id, TicketStatus.ASSIGNED, TicketStatus.RESPONDED, open.plus(Duration.ofMinutes(10)));
        status(id, TicketStatus.ASSIGNED, TicketStatus.PENDING_CUSTOMER, open.plus(Duration.ofMinutes(12)));
        status(id, TicketStatus.PENDING_CUSTOMER, TicketStatus.IN_PROGRESS, open.plus(Duration.ofMinutes(18)));

        SlaMet response = slaEvents(id, SlaMet.class, 1, WAIT).get(0);
        assertEquals(SlaClockKind.RESPONSE, response.clock());
        assertTrue(response.withinTarget());
        assertEquals(Duration.ofMinutes(10), response.businessElapsed());
        assertEquals(SlaClockKind.RESOLUTION, slaEvents(id, SlaPaused.class, 1, WAIT).get(0).clock());
        SlaResumed resumed = slaEvents(id, SlaResumed.class, 1, WAIT).get(0);
        assertEquals(open.plus(Duration.ofMinutes(8 * 60 + 6)), resumed.deadline(), "8 h plus the 6 min pending on the customer");
        assertEquals(2, resumed.deadlineVersion());

        as("agent").get("/api/tickets/{id}/sla", id).then().statusCode(200)
                .body("clocks[0].state", equalTo("STOPPED"))
                .body("clocks[1].state", equalTo("RUNNING"))
                .body("clocks[1].paused", equalTo("PT6M"));

        status(id, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, open.plus(Duration.ofMinutes(19)));
        SlaMet resolved = slaEvents(id, SlaMet.class, 2, WAIT).stream().filter(m -> m.clock() == SlaClockKind.RESOLUTION)
                .findFirst().orElseThrow();
        assertEquals(Duration.ofMinutes(13), resolved.businessElapsed());
        assertTrue(resolved.withinTarget());
    }

    @Test
    void warningBreachAndEscalationsFireAtTheirMomentsOnceEach() {
        String id = newTicketId();
        Instant open = clock.instant();
        opened(id, open);
        prioritized(id, Priority.P3, null, "test-fast", "EXECUTIVE", open);

        List<EscalationRaised> escalations = slaEvents(id, EscalationRaised.class, 4, WAIT);
        List<WhitegloveEvent> all = allSlaEvents(id, 10, WAIT);
        List<String> response = all.stream().filter(e -> e instanceof org.whiteglove.events.SlaEvent s && s.clock() == SlaClockKind.RESPONSE)
                .map(e -> e.getClass().getSimpleName() + (e instanceof EscalationRaised r ? r.level() : ""))
                .toList();
        assertEquals(List.of("SlaStarted", "SlaWarning", "SlaBreached", "EscalationRaised1", "EscalationRaised2"), response);
        assertEquals(4, escalations.size(), "two levels × two clocks, each once");
        SlaBreached breach = slaEvents(id, SlaBreached.class, 2, WAIT).stream().filter(b -> b.clock() == SlaClockKind.RESPONSE)
                .findFirst().orElseThrow();
        assertEquals(open.plusSeconds(2), breach.deadline());
        assertFalse(breach.firedAt().isBefore(breach.deadline()), "never before the deadline");
        SlaWarning warning = slaEvents(id, SlaWarning.class, 2, WAIT).get(0);
        assertEquals(50, warning.thresholdPercent());
        assertEquals("desk-manager", escalations.stream().filter(e -> e.level() == 2).findFirst().orElseThrow().targetGroup());
        // Each firing carries the decision the clocks run on, so the notifier routes it without waiting for the ticket.
        assertEquals(List.of("P3 EXECUTIVE vip-desk"), java.util.stream.Stream.of(List.of(breach.priority() + " " + breach.vipTier() + " " + breach.queue()),
                List.of(warning.priority() + " " + warning.vipTier() + " " + warning.queue()),
                escalations.stream().map(e -> e.priority() + " " + e.vipTier() + " " + e.queue()).toList())
                .flatMap(List::stream).distinct().toList());
    }

    @Test
    void nothingFiresWhilePausedAndThePauseMovesTheBreach() throws InterruptedException {
        String id = newTicketId();
        Instant open = clock.instant();
        opened(id, open);
        prioritized(id, Priority.P3, null, "test-fast", null, open);
        status(id, TicketStatus.OPEN, TicketStatus.RESPONDED, open.plusMillis(100));
        status(id, TicketStatus.OPEN, TicketStatus.PENDING_CUSTOMER, open.plusMillis(200));
        slaEvents(id, SlaPaused.class, 1, WAIT);

        Thread.sleep(5_000); // well past the 4 s resolution deadline, while paused
        as("agent").get("/api/tickets/{id}/sla", id).then()
                .body("clocks[1].state", equalTo("PAUSED"))
                .body("clocks[1].deadline", nullValue())
                .body("clocks[1].breached", equalTo(false));

        Instant resume = clock.instant();
        status(id, TicketStatus.PENDING_CUSTOMER, TicketStatus.IN_PROGRESS, resume);
        SlaBreached breach = slaEvents(id, SlaBreached.class, 1, WAIT).get(0);
        assertEquals(SlaClockKind.RESOLUTION, breach.clock());
        assertTrue(breach.firedAt().isAfter(resume), "the breach comes only after the clock runs again");
        assertEquals(resume.plus(Duration.ofMillis(3_800)), breach.deadline(), "4 s target, 0.2 s used before the pause");
        assertEquals(1, slaEvents(id, SlaWarning.class, 1, WAIT).size(), "the 50 % warning fired once");
    }

    @Test
    void reprioritizingWhilePausedKeepsThePausedTime() {
        String id = newTicketId();
        Instant open = clock.instant().minus(Duration.ofHours(3));
        opened(id, open);
        prioritized(id, Priority.P4, null, null, null, open);
        status(id, TicketStatus.OPEN, TicketStatus.RESPONDED, open.plus(Duration.ofMinutes(5)));
        status(id, TicketStatus.OPEN, TicketStatus.PENDING_CUSTOMER, open.plus(Duration.ofHours(1)));
        slaEvents(id, SlaPaused.class, 1, WAIT);

        // Moved to P2 while paused.
        Instant decided = open.plus(Duration.ofHours(2));
        prioritized(id, Priority.P2, Priority.P4, null, null, decided);
        SlaRecalculated recalculated = slaEvents(id, SlaRecalculated.class, 1, WAIT).get(0);
        assertEquals(SlaClockKind.RESOLUTION, recalculated.clock());
        assertTrue(recalculated.reason().contains("P4→P2"), recalculated.reason());
        // P2: 8 h around the clock from the opening, plus the hour already paused at the decision.
        assertEquals(open.plus(Duration.ofHours(9)), recalculated.newDeadline());

        status(id, TicketStatus.PENDING_CUSTOMER, TicketStatus.IN_PROGRESS, open.plus(Duration.ofHours(3)));
        SlaResumed resumed = slaEvents(id, SlaResumed.class, 1, WAIT).get(0);
        assertEquals(open.plus(Duration.ofHours(10)), resumed.deadline(), "paused 2 h in all, across the re-prioritization");
        as("agent").get("/api/tickets/{id}/sla", id).then()
                .body("priority", equalTo("P2"))
                .body("clocks[1].policy", equalTo("P2"))
                .body("clocks[1].paused", equalTo("PT2H"))
                .body("clocks[0].state", equalTo("STOPPED"));
    }

    @Test
    void statusChangesBeforeTheFirstDecisionAreReplayed() {
        String id = newTicketId();
        Instant open = clock.instant().minus(Duration.ofMinutes(20));
        opened(id, open);
        status(id, TicketStatus.OPEN, TicketStatus.RESPONDED, open.plus(Duration.ofMinutes(3)));
        await().atMost(WAIT).untilAsserted(() -> as("agent").get("/api/tickets/{id}/sla", id).then().statusCode(200)
                .body("waitingFor", equalTo("the ticket's first priority decision")));

        prioritized(id, Priority.P1, null, null, null, open.plus(Duration.ofMinutes(5)));
        SlaMet met = slaEvents(id, SlaMet.class, 1, WAIT).get(0);
        assertEquals(SlaClockKind.RESPONSE, met.clock());
        assertEquals(Duration.ofMinutes(3), met.businessElapsed());
        as("agent").get("/api/tickets/{id}/sla", id).then().body("clocks[1].state", equalTo("RUNNING"));
    }

    @Test
    void timersOverdueWhileStoppedFireOnceAfterStart() {
        String id = newTicketId();
        scheduler.stop(); // as if the process were gone: nothing in memory, nothing firing
        try {
            Instant open = clock.instant();
            opened(id, open);
            prioritized(id, Priority.P3, null, "test-fast", null, open);
            slaEvents(id, SlaStarted.class, 2, WAIT);
            await().atMost(WAIT).until(() -> clock.instant().isAfter(open.plusSeconds(6)));
            assertTrue(store.anyDue(clock.instant()), "the overdue timers wait in the database");
            assertEquals(2, allSlaEvents(id, 2, Duration.ofSeconds(2)).size(), "only the two SlaStarted: nothing fired");
        } finally {
            scheduler.start();
        }
        // Every overdue milestone fires once after the start: per clock the warning, the breach and two levels.
        assertEquals(2, slaEvents(id, SlaBreached.class, 2, WAIT).size());
        assertEquals(2, slaEvents(id, SlaWarning.class, 2, WAIT).size());
        assertEquals(4, slaEvents(id, EscalationRaised.class, 4, WAIT).size());
    }

    @Test
    void whenMoreClocksAreDueThanOnePassFiresCriticalOnesGoFirst() {
        List<String> fired = new ArrayList<>();
        String critical;
        scheduler.stop(); // timers pile up as they would in a burst or while the service is down
        try {
            Instant open = clock.instant();
            Set<String> ours = new java.util.HashSet<>();
            for (int i = 0; i < 6; i++) {
                ours.add(openedOnFastPolicy(Priority.P4, open));
            }
            // Opened a second later: first come, first served, its clocks would fire after all twelve minor ones.
            Instant later = open.plusSeconds(1);
            critical = openedOnFastPolicy(Priority.P1, later);
            ours.add(critical);
            ours.forEach(id -> slaEvents(id, SlaStarted.class, 2, WAIT));
            await().atMost(WAIT).until(() -> clock.instant().isAfter(later.plusSeconds(6)));
            ClockStore.FiredBatch pass;
            do {
                pass = store.fireDue(clock.instant(), 4);
                pass.firings().stream().filter(f -> ours.contains(f.event().ticketId()))
                        .map(f -> f.event().ticketId() + "/" + f.event().clock()).distinct().forEach(fired::add);
            } while (pass.clocks() == 4);
        } finally {
            scheduler.start();
        }
        assertEquals(14, fired.size(), "7 tickets × 2 clocks: " + fired);
        assertEquals(Set.of(critical + "/RESPONSE", critical + "/RESOLUTION"), Set.copyOf(fired.subList(0, 2)), fired.toString());
    }

    @Test
    void twoSchedulersShareTheWorkWithoutFiringTwice() {
        TimerScheduler second = new TimerScheduler(store, clock, config, new SimpleMeterRegistry());
        List<String> ids = new ArrayList<>();
        Instant open = clock.instant();
        for (int i = 0; i < 40; i++) {
            ids.add(openedOnFastPolicy(Priority.P3, open));
        }
        await().atMost(WAIT).untilAsserted(() -> as("agent").get("/api/tickets/{id}/sla", ids.get(ids.size() - 1)).then()
                .body("clocks", hasSize(2)));
        second.start();
        try {
            Set<String> expected = Set.copyOf(ids);
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> breaches = TopicRecords.await(
                    SlaTestSupport.bootstrap(), Topics.SLA_EVENTS,
                    r -> expected.contains(r.key()) && TopicRecords.header(r, "ce_type").endsWith("SlaBreached"), 80, WAIT);
            Map<String, Long> perClock = breaches.stream()
                    .map(r -> (SlaBreached) EventJson.fromBytes(TopicRecords.header(r, "ce_type"), r.value()))
                    .collect(Collectors.groupingBy(b -> b.ticketId() + "/" + b.clock(), Collectors.counting()));
            assertEquals(80, breaches.size(), "40 tickets × 2 clocks, each breached once");
            assertTrue(perClock.values().stream().allMatch(n -> n == 1), perClock.toString());
        } finally {
            second.stop();
        }
    }

    /** A new ticket opened and decided at {@code at} with {@code priority} on the seconds-long test policy. */
    private static String openedOnFastPolicy(Priority priority, Instant at) {
        String id = newTicketId();
        opened(id, at);
        prioritized(id, priority, null, "test-fast", null, at);
        return id;
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheRestFlows() {
        TestEvents.send(SlaTestSupport.bootstrap(), Topics.TICKET_EVENTS, "T-garbage", "{not json".getBytes(StandardCharsets.UTF_8),
                Map.of("ce_id", "bad-1".getBytes(), "ce_type", "org.whiteglove.TicketOpened".getBytes(),
                        "ce_source", "test".getBytes(), "ce_time", Instant.now().toString().getBytes(), "ce_specversion", "1.0".getBytes()));
        String id = newTicketId();
        Instant open = clock.instant();
        opened(id, open);
        prioritized(id, Priority.P5, null, null, null, open);
        TopicRecords.await(SlaTestSupport.bootstrap(), Topics.deadLetter(Topics.TICKET_EVENTS, "sla-monitor"),
                r -> "T-garbage".equals(r.key()), 1, WAIT);
        slaEvents(id, SlaStarted.class, 2, WAIT);
    }
}
