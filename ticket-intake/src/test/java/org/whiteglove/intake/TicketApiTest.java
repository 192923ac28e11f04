package org.whiteglove.intake;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.ContactKey;
import org.whiteglove.events.TicketEvent;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.events.TicketUpdated;
import org.whiteglove.events.Topics;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TopicRecords;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class TicketApiTest extends IntakeTest {

    @Test
    void a_new_ticket_is_stored_numbered_and_published_with_hashed_contacts_only() {
        String email = uniqueEmail();
        var created = create(ticketJson("VPN down", email)).then()
                .statusCode(201)
                .header("Location", containsString("/api/tickets/"))
                .body("number", matchesPattern("SD-\\d{6,}"))
                .body("status", equalTo("OPEN"))
                .body("requester.phone", equalTo("+41446681800"))
                .extract();
        String id = created.path("id");
        assertTrue(created.header("Location").endsWith(id));

        as("agent").get("/api/tickets/" + id).then().statusCode(200)
                .body("subject", equalTo("VPN down"))
                .body("history.kind", equalTo(List.of("TicketOpened")));

        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        ConsumerRecord<String, byte[]> record = TopicRecords.await(bootstrap, Topics.TICKET_EVENTS, r -> id.equals(r.key()), 1,
                Duration.ofSeconds(30)).get(0);
        assertEquals("org.whiteglove.TicketOpened", TopicRecords.header(record, "ce_type"));
        assertEquals("/whiteglove/ticket-intake", TopicRecords.header(record, "ce_source"));
        assertEquals("1.0", TopicRecords.header(record, "ce_specversion"));
        TicketOpened opened = assertInstanceOf(TicketOpened.class, read(record));
        String salt = ConfigProvider.getConfig().getValue("whiteglove.contact-key-salt", String.class);
        assertEquals(List.of(ContactKey.ofEmail(salt, email), ContactKey.ofPhone(salt, "+41446681800")), opened.requesterContactKeys());
        assertFalse(new String(record.value(), StandardCharsets.UTF_8).contains(email), "no contact details on topics");
        assertEquals(created.path("number"), opened.ticketNumber());
    }

    @Test
    void invalid_tickets_are_400_naming_each_field_and_nothing_is_created() throws Exception {
        long before = ticketCount();
        create("""
                {"requester": {"email": "not-an-email"}, "subject": " ", "impact": "HUGE", "urgency": "MEDIUM"}
                """).then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("impact"));
        create("""
                {"requester": {"email": "not-an-email"}, "subject": " ", "urgency": "MEDIUM"}
                """).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("requester.email"))
                .body("errors.field", hasItem("subject"))
                .body("errors.field", hasItem("impact"));
        create("""
                {"requester": {"name": "No Contact"}, "subject": "x", "impact": "MINOR", "urgency": "LOW"}
                """).then().statusCode(400).body("errors.field", hasItem("requester.reachable"));
        create("""
                {"requester": {"phone": "12"}, "subject": "x", "impact": "MINOR", "urgency": "LOW"}
                """).then().statusCode(400).body("errors.field", hasItem("requester.phone"));
        create(ticketJson("x", uniqueEmail()).replace("\"WEB\"", "\"PHONE\"")).then().statusCode(400)
                .body("errors.field", hasItem("channel"));
        assertEquals(before, ticketCount(), "a refused ticket leaves nothing behind");
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    private long ticketCount() throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var rs = c.createStatement().executeQuery("SELECT count(*) FROM ticket")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void clients_cannot_set_a_priority_or_vip_status() {
        create(ticketJson("I am important", uniqueEmail()).replace("\"channel\"", "\"priority\": \"P1\", \"channel\""))
                .then().statusCode(400).body("errors.field", hasItem("priority"));
        create(ticketJson("I am important", uniqueEmail()).replace("\"channel\"", "\"vip\": true, \"channel\""))
                .then().statusCode(400).body("errors.field", hasItem("vip"));
    }

    @Test
    void the_same_idempotency_key_and_body_is_the_same_ticket_and_a_different_body_is_422() {
        String key = "order-" + System.nanoTime();
        String body = ticketJson("Printer jam", uniqueEmail());
        String first = as("intake").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/tickets").then().statusCode(201).extract().path("id");
        as("intake").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/tickets").then().statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));
        as("intake").header("Idempotency-Key", key).contentType(ContentType.JSON).body(body.replace("Printer jam", "Other"))
                .post("/api/tickets").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("Idempotency-Key"));
        // Another integration's identical key is its own: a new ticket, not a replay or a 422.
        String other = given().header("Authorization", org.whiteglove.infra.testing.TestTokens.bearer("intake", "mail-gateway"))
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .post("/api/tickets").then().statusCode(201).extract().path("id");
        assertNotEquals(first, other);
        assertEquals(1, events(first, 1).size(), "one ticket, one event");
    }

    @Test
    void agents_work_a_ticket_through_its_lifecycle_and_every_change_is_an_event() {
        String id = create(ticketJson("Laptop broken", uniqueEmail())).then().statusCode(201).extract().path("id");
        patch(id, "{\"assignee\": \"alice\"}").then().statusCode(200).body("status", equalTo("ASSIGNED"));
        patch(id, "{\"status\": \"IN_PROGRESS\", \"urgency\": \"HIGH\"}").then().statusCode(200)
                .body("status", equalTo("IN_PROGRESS")).body("urgency", equalTo("HIGH"))
                .body("firstRespondedAt", org.hamcrest.Matchers.notNullValue());
        patch(id, "{\"status\": \"PENDING_CUSTOMER\"}").then().statusCode(200);
        patch(id, "{\"status\": \"CLOSED\"}").then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("PENDING_CUSTOMER → CLOSED is not allowed"));
        patch(id, "{\"status\": \"RESOLVED\"}").then().statusCode(200).body("resolvedAt", org.hamcrest.Matchers.notNullValue());

        List<TicketEvent> events = events(id, 8);
        assertEquals(8, events.size(), events.toString());
        assertInstanceOf(TicketOpened.class, events.get(0));
        assertEquals(Set.of(TicketUpdated.Field.ASSIGNEE), ((TicketUpdated) events.get(1)).changed());
        assertEquals(List.of(TicketStatus.ASSIGNED), statuses(events.subList(2, 3)));
        assertEquals(Set.of(TicketUpdated.Field.URGENCY), ((TicketUpdated) events.get(3)).changed());
        assertEquals(List.of(TicketStatus.RESPONDED, TicketStatus.IN_PROGRESS, TicketStatus.PENDING_CUSTOMER, TicketStatus.RESOLVED),
                statuses(events.subList(4, 8)));
        assertEquals("test-agent", ((TicketUpdated) events.get(1)).actor());
    }

    @Test
    void patch_rejects_unknown_fields_bad_values_and_missing_tickets() {
        String id = create(ticketJson("Mouse", uniqueEmail())).then().statusCode(201).extract().path("id");
        patch(id, "{\"priority\": \"P1\"}").then().statusCode(400).body("errors.field", hasItem("priority"));
        patch(id, "{\"impact\": null}").then().statusCode(400).body("errors.field", hasItem("impact"));
        patch(id, "{\"status\": \"DONE\"}").then().statusCode(400).body("errors.field", hasItem("status"));
        patch(id, "{}").then().statusCode(400);
        patch("00000000-0000-0000-0000-000000000000", "{\"impact\": \"MINOR\"}").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void roles_decide_who_may_create_work_and_read() {
        String body = ticketJson("Roles", uniqueEmail());
        as("agent").contentType(ContentType.JSON).body(body).post("/api/tickets").then().statusCode(403);
        given().contentType(ContentType.JSON).body(body).post("/api/tickets").then().statusCode(401);
        String id = create(body).then().statusCode(201).extract().path("id");
        as("intake").get("/api/tickets/" + id).then().statusCode(403);
        as("manager").get("/api/tickets/" + id).then().statusCode(200);
        as("intake").contentType("application/merge-patch+json").body("{\"impact\":\"MINOR\"}")
                .patch("/api/tickets/" + id).then().statusCode(403);

        // An integration's API key with the intake role creates tickets too.
        String key = as("ops").contentType(ContentType.JSON).body("{\"name\":\"web-portal\",\"roles\":[\"intake\"]}")
                .post("/api/api-keys").then().statusCode(201).extract().path("key");
        given().header("X-Api-Key", key).contentType(ContentType.JSON).body(ticketJson("Via key", uniqueEmail()))
                .post("/api/tickets").then().statusCode(201);
    }

    @Test
    void oversized_bodies_are_413_problem_json() {
        String big = ticketJson("Big", uniqueEmail()).replace("Cannot log in since 8:00", "x".repeat(1_100_000));
        create(big).then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("at most 1048576"));
    }

    private static io.restassured.response.Response patch(String id, String body) {
        return as("agent").contentType("application/merge-patch+json").body(body).patch("/api/tickets/" + id);
    }

    private static List<TicketStatus> statuses(List<TicketEvent> events) {
        return events.stream().map(e -> ((TicketStatusChanged) e).to()).toList();
    }
}
