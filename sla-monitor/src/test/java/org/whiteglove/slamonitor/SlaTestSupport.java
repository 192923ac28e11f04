package org.whiteglove.slamonitor;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.EventType;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Priority;
import org.whiteglove.events.Channel;
import org.whiteglove.events.SlaEvent;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.events.Topics;
import org.whiteglove.events.Urgency;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.infra.testing.TestEvents;
import org.whiteglove.infra.testing.TestTokens;
import org.whiteglove.infra.testing.TopicRecords;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Publishing ticket flow events the way intake and prioritizer do, and reading what the monitor published. */
final class SlaTestSupport {

    private SlaTestSupport() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    static String newTicketId() {
        return "T-" + UUID.randomUUID();
    }

    static void opened(String ticketId, Instant at) {
        TestEvents.publish(bootstrap(), new TicketOpened(ticketId, "SD-1", Channel.WEB, "printer on fire", null, null,
                Impact.MODERATE, Urgency.MEDIUM, List.of(), List.of(), false, null, null, at));
    }

    static void prioritized(String ticketId, Priority priority, Priority previous, String slaPolicy, String vipTier, Instant at) {
        TestEvents.publish(bootstrap(), new TicketPrioritized(ticketId, priority, previous, vipTier == null ? "service-desk" : "vip-desk",
                0, vipTier, null, slaPolicy, 1, null, at));
    }

    static void status(String ticketId, TicketStatus from, TicketStatus to, Instant at) {
        TestEvents.publish(bootstrap(), new TicketStatusChanged(ticketId, from, to, "agent-7", at));
    }

    /** Waits for {@code count} events of {@code type} about the ticket on sla.events; returns all seen. */
    @SuppressWarnings("unchecked")
    static <E extends SlaEvent> List<E> slaEvents(String ticketId, Class<E> type, int count, Duration timeout) {
        String ceType = EventType.of(type).ceType();
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.await(bootstrap(), Topics.SLA_EVENTS,
                r -> ticketId.equals(r.key()) && ceType.equals(TopicRecords.header(r, CloudEventHeaders.TYPE)), count, timeout);
        return records.stream().map(r -> (E) EventJson.fromBytes(ceType, r.value())).toList();
    }

    static List<WhitegloveEvent> allSlaEvents(String ticketId, int atLeast, Duration timeout) {
        return TopicRecords.await(bootstrap(), Topics.SLA_EVENTS, r -> ticketId.equals(r.key()), atLeast, timeout).stream()
                .map(r -> EventJson.fromBytes(TopicRecords.header(r, CloudEventHeaders.TYPE), r.value())).toList();
    }
}
