package org.whiteglove.events;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CloudEventHeadersTest {

    private final TicketStatusChanged event = new TicketStatusChanged(
            "t-1", TicketStatus.OPEN, TicketStatus.ASSIGNED, "alice", Instant.parse("2026-11-02T09:00:00Z"));

    @Test
    void headers_survive_a_trip_through_kafka_record_headers() {
        CloudEventHeaders headers = CloudEventHeaders.forEvent(event, "/whiteglove/ticket-intake",
                Instant.parse("2026-11-02T09:00:00.123Z"));
        Map<String, byte[]> kafka = headers.toKafkaHeaders();

        assertEquals("1.0", new String(kafka.get("ce_specversion"), StandardCharsets.UTF_8));
        assertEquals("org.whiteglove.TicketStatusChanged", new String(kafka.get("ce_type"), StandardCharsets.UTF_8));
        assertEquals("application/json", new String(kafka.get("content-type"), StandardCharsets.UTF_8));
        assertEquals(List.of("ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time", "content-type"),
                List.copyOf(kafka.keySet()));
        assertEquals(headers, CloudEventHeaders.fromKafkaHeaders(kafka::get));
    }

    @Test
    void each_event_gets_its_own_id() {
        Instant now = Instant.now();
        assertNotEquals(CloudEventHeaders.forEvent(event, "/s", now).id(), CloudEventHeaders.forEvent(event, "/s", now).id());
    }

    @Test
    void missing_or_unreadable_attributes_are_malformed_not_a_crash() {
        Map<String, byte[]> kafka = CloudEventHeaders.forEvent(event, "/s", Instant.now()).toKafkaHeaders();
        kafka.remove("ce_id");
        assertThrows(EventJson.MalformedEventException.class, () -> CloudEventHeaders.fromKafkaHeaders(kafka::get));

        Map<String, byte[]> badTime = CloudEventHeaders.forEvent(event, "/s", Instant.now()).toKafkaHeaders();
        badTime.put("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        assertThrows(EventJson.MalformedEventException.class, () -> CloudEventHeaders.fromKafkaHeaders(badTime::get));
    }

    @Test
    void a_payload_that_does_not_match_its_type_is_malformed() {
        byte[] notATicket = "{\"ticketId\": 12, \"from\": \"NOT_A_STATUS\"}".getBytes(StandardCharsets.UTF_8);
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.fromBytes("org.whiteglove.TicketStatusChanged", notATicket));
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.fromBytes("org.whiteglove.NoSuchEvent", "{}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(EventJson.MalformedEventException.class,
                () -> EventJson.fromBytes("org.whiteglove.TicketStatusChanged", "{not json".getBytes(StandardCharsets.UTF_8)));
    }
}
