package org.whiteglove.intake;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.TicketEvent;
import org.whiteglove.events.Topics;
import org.whiteglove.infra.testing.TestTokens;
import org.whiteglove.infra.testing.TopicRecords;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** What intake's tests share: callers with roles, and the events intake really published. */
abstract class IntakeTest {

    static {
        io.restassured.RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role));
    }

    static String ticketJson(String subject, String email) {
        return """
                {"requester": {"name": "Ada Lovelace", "email": "%s", "phone": "+41 44 668 18 00"},
                 "subject": "%s", "description": "Cannot log in since 8:00",
                 "impact": "MODERATE", "urgency": "MEDIUM", "category": "access", "channel": "WEB"}
                """.formatted(email, subject);
    }

    static Response create(String body) {
        return as("intake").contentType(ContentType.JSON).body(body).post("/api/tickets");
    }

    /** The events of one ticket on ticket.events, in published order (waits for {@code count}). */
    static List<TicketEvent> events(String ticketId, int count) {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        return TopicRecords.await(bootstrap, Topics.TICKET_EVENTS, r -> ticketId.equals(r.key()), count, Duration.ofSeconds(30))
                .stream().map(IntakeTest::read).toList();
    }

    static TicketEvent read(ConsumerRecord<String, byte[]> record) {
        return (TicketEvent) EventJson.fromBytes(TopicRecords.header(record, "ce_type"), record.value());
    }

    static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.org";
    }
}
