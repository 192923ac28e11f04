package org.whiteglove.intake;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.Channel;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;

import java.time.Duration;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class PhoneIntakeTest extends IntakeTest {

    private static String call(String callId, String caller, String dialed, String answeredAt) {
        return """
                {"callId": "%s", "callerNumber": "%s", "dialedNumber": "%s", "queue": "Service Desk DE",
                 "ivrSelections": ["German", "IT problem", "Password"], "startedAt": "2026-11-02T08:00:00Z",
                 "answeredAt": %s, "agentNotes": "Password expired, cannot reach mailbox", "urgency": "HIGH"}
                """.formatted(callId, caller, dialed, answeredAt == null ? "null" : "\"" + answeredAt + "\"");
    }

    @Test
    void a_call_opens_a_ticket_with_normalized_numbers_and_speed_of_answer() {
        String callId = "acd-" + UUID.randomUUID();
        String id = post(call(callId, "044 668 18 00", "044 500 00 00", "2026-11-02T08:00:42Z")).then().statusCode(201)
                .body("channel", equalTo("PHONE"))
                .body("requester.phone", equalTo("+41446681800"))
                .body("speedOfAnswerSeconds", equalTo(42.0f))
                .body("vipClaimed", equalTo(false))
                .body("urgency", equalTo("HIGH"))
                .body("sourceRef", equalTo(callId))
                .extract().path("id");
        as("agent").get("/api/tickets/" + id).then().statusCode(200)
                .body("description", equalTo("Password expired, cannot reach mailbox\n\nIVR: German > IT problem > Password"));
        TicketOpened opened = assertInstanceOf(TicketOpened.class, events(id, 1).get(0));
        assertEquals(Channel.PHONE, opened.channel());
        assertEquals(Duration.ofSeconds(42), opened.speedOfAnswer());
        assertEquals(callId, opened.sourceRef());
    }

    @Test
    void a_call_to_the_vip_hotline_claims_vip_service() {
        post(call("acd-" + UUID.randomUUID(), "+41 79 123 45 67", "+41 44 500 00 01", "2026-11-02T08:00:03Z"))
                .then().statusCode(201).body("vipClaimed", equalTo(true));
    }

    @Test
    void the_same_call_id_twice_is_the_same_ticket() {
        String callId = "acd-" + UUID.randomUUID();
        String first = post(call(callId, "044 668 18 00", "044 500 00 00", null)).then().statusCode(201).extract().path("id");
        post(call(callId, "044 668 18 00", "044 500 00 00", null)).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo(first));
        assertEquals(1, events(first, 1).size());
    }

    @Test
    void bad_call_events_are_400_naming_the_field() {
        post(call("acd-" + UUID.randomUUID(), "12", "044 500 00 00", null)).then().statusCode(400)
                .body("errors.field", hasItem("callerNumber"));
        post(call("acd-" + UUID.randomUUID(), "044 668 18 00", "044 500 00 00", "2026-11-02T07:59:00Z")).then().statusCode(400)
                .body("errors.field", hasItem("answeredAt"));
        post("{\"callerNumber\": \"044 668 18 00\"}").then().statusCode(400)
                .body("errors.field", hasItem("callId")).body("errors.field", hasItem("startedAt"));
        String response = post("{\"callId\": 5, \"callerNumber\": [1], \"startedAt\": \"yesterday\"}").then().statusCode(400)
                .extract().asString();
        assertTrue(response.contains("problems"), response);
    }

    private static io.restassured.response.Response post(String body) {
        return as("intake").contentType(ContentType.JSON).body(body).post("/api/intake/phone");
    }
}
