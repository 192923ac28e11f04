package org.whiteglove.events;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContractTest {

    @Test
    void every_record_of_the_sealed_hierarchy_is_registered_once_on_a_known_topic() {
        Set<Class<?>> sealedLeaves = new HashSet<>();
        for (Class<?> topicInterface : WhitegloveEvent.class.getPermittedSubclasses()) {
            sealedLeaves.addAll(Arrays.asList(topicInterface.getPermittedSubclasses()));
        }
        Set<Class<?>> registered = Arrays.stream(EventType.values()).map(EventType::recordClass).collect(Collectors.toSet());
        assertEquals(sealedLeaves, registered);

        Set<String> topics = Topics.ALL.stream().map(TopicSpec::name).collect(Collectors.toSet());
        for (EventType type : EventType.values()) {
            assertTrue(topics.contains(type.topic()), type + " travels on an uncreated topic " + type.topic());
            assertEquals(type, EventType.fromCeType(type.ceType()).orElseThrow());
        }
    }

    @Test
    void the_vip_list_topic_is_compacted_and_every_topic_has_the_platform_partition_count() {
        TopicSpec vip = Topics.ALL.stream().filter(t -> t.name().equals(Topics.VIP_REGISTRY)).findFirst().orElseThrow();
        assertEquals("compact", vip.configs().get("cleanup.policy"));
        Topics.ALL.forEach(t -> assertEquals(Topics.PARTITIONS, t.partitions(), t.name()));
        assertEquals("ticket.events.dlq.prioritizer", Topics.deadLetter(Topics.TICKET_EVENTS, "prioritizer"));
    }

    @Test
    void contact_keys_match_however_the_email_was_typed_and_never_contain_it() {
        String salt = "platform-salt";
        String key = ContactKey.ofEmail(salt, "Ada.Lovelace@Example.org");
        assertEquals(key, ContactKey.ofEmail(salt, "  ada.lovelace@example.ORG "));
        assertTrue(key.startsWith("sha256:") && !key.contains("lovelace"));
        assertNotEquals(key, ContactKey.ofEmail("another-salt", "ada.lovelace@example.org"));
        assertNotEquals(ContactKey.ofPhone(salt, "+41441234567"), ContactKey.ofPhone(salt, "+41441234568"));
        assertThrows(IllegalArgumentException.class, () -> ContactKey.ofPhone(salt, "044 123 45 67"));
        assertThrows(IllegalArgumentException.class, () -> ContactKey.ofEmail(salt, "no-at-sign"));
        assertThrows(IllegalArgumentException.class, () -> ContactKey.ofEmail("", "a@b.c"));
    }

    @Test
    void urgency_is_raised_stepwise_and_saturates() {
        assertEquals(Urgency.HIGH, Urgency.MEDIUM.raisedBy(1));
        assertEquals(Urgency.CRITICAL, Urgency.LOW.raisedBy(7));
        assertEquals(Urgency.LOW, Urgency.LOW.raisedBy(0));
        assertTrue(Priority.P1.isHigherThan(Priority.P2));
    }
}
