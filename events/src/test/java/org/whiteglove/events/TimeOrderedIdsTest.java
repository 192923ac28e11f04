package org.whiteglove.events;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    @Test
    void new_ids_are_version_7_and_sort_in_the_order_they_were_made_as_text() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            UUID id = TimeOrderedIds.next();
            assertEquals(7, id.version());
            assertEquals(2, id.variant());
            made.add(id.toString());
        }
        List<String> sorted = new ArrayList<>(made);
        sorted.sort(null);
        assertEquals(made, sorted, "text order (how the services' indexes hold them) is the order of making");
        assertEquals(made.size(), made.stream().distinct().count());
    }

    @Test
    void an_id_from_a_key_is_the_same_every_time_and_leads_with_its_moment() {
        Instant deadline = Instant.parse("2026-12-06T15:00:00.123Z");
        UUID id = TimeOrderedIds.fromKey(deadline, "t-1/RESPONSE/BREACH/v1");

        assertEquals(id, TimeOrderedIds.fromKey(deadline, "t-1/RESPONSE/BREACH/v1"));
        assertEquals(8, id.version());
        assertEquals(2, id.variant());
        assertEquals(deadline.toEpochMilli(), id.getMostSignificantBits() >>> 16);
        assertNotEquals(id, TimeOrderedIds.fromKey(deadline, "t-1/RESPONSE/BREACH/v2"));
        assertNotEquals(id, TimeOrderedIds.fromKey(deadline, "t-2/RESPONSE/BREACH/v1"));
        assertTrue(TimeOrderedIds.fromKey(deadline.plusMillis(1), "t-0/RESPONSE/WARN-75/v1").toString().compareTo(id.toString()) > 0,
                "a later moment sorts later, whatever the keys");
    }
}
