package org.whiteglove.runtime.precedence;

import org.junit.jupiter.api.Test;
import org.whiteglove.events.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CriticalFirstTest {

    private static final Instant NOON = Instant.parse("2026-12-07T12:00:00Z");
    private static final CriticalFirst<UUID> PRECEDENCE = new CriticalFirst<>(Map.of(
            Priority.P1, Duration.ofMinutes(10), Priority.P2, Duration.ofMinutes(5), Priority.P3, Duration.ofMinutes(2),
            Priority.P4, Duration.ofMinutes(1)));

    private static CriticalFirst.Due<UUID> due(String name, Priority priority, Instant at) {
        return new CriticalFirst.Due<>(UUID.nameUUIDFromBytes(name.getBytes()), priority, at);
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes());
    }

    @Test
    void aCriticalAlertGoesBeforeAMinorBacklogThatFellDueShortlyBefore() {
        List<CriticalFirst.Due<UUID>> queue = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            queue.add(due("p4-" + i, Priority.P4, NOON.plusMillis(i)));
        }
        queue.add(due("p1", Priority.P1, NOON.plusSeconds(60)));
        assertEquals(id("p1"), PRECEDENCE.first(queue, 20).get(0));
    }

    @Test
    void aMinorAlertThatWaitedLongerThanTheLeadsApartGoesFirst() {
        // P1's lead is 10 min, P4's 1 min: a P4 alert due 9 min 1 s before the P1 one ranks first, one due 8 min 59 s before does not.
        List<CriticalFirst.Due<UUID>> queue = List.of(
                due("p1", Priority.P1, NOON),
                due("p4-old", Priority.P4, NOON.minusSeconds(9 * 60 + 1)),
                due("p4-newer", Priority.P4, NOON.minusSeconds(8 * 60 + 59)));
        assertEquals(List.of(id("p4-old"), id("p1"), id("p4-newer")), PRECEDENCE.first(queue, 3));
    }

    @Test
    void withinAPriorityTheEarlierDueGoesFirstAndAlertsWithoutOneHaveNoLead() {
        List<CriticalFirst.Due<UUID>> queue = List.of(
                due("digest", null, NOON),
                due("p5", Priority.P5, NOON.plusSeconds(1)),
                due("p2-later", Priority.P2, NOON.plusSeconds(2)),
                due("p2", Priority.P2, NOON.plusSeconds(1)));
        assertEquals(List.of(id("p2"), id("p2-later"), id("digest"), id("p5")), PRECEDENCE.first(queue, 10));
        assertEquals(List.of(id("p2")), PRECEDENCE.first(queue, 1));
        assertEquals(NOON, PRECEDENCE.rank(due("digest", null, NOON)));
        assertEquals(NOON.minusSeconds(300), PRECEDENCE.rank(due("p2", Priority.P2, NOON)));
    }

    @Test
    void aNegativeLeadIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CriticalFirst<UUID>(Map.of(Priority.P3, Duration.ofMinutes(-1))));
    }
}
