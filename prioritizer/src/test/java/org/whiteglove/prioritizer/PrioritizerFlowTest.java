package org.whiteglove.prioritizer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.Channel;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.ContactKey;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Priority;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.TicketUpdated;
import org.whiteglove.events.Topics;
import org.whiteglove.events.Urgency;
import org.whiteglove.events.VipMatch;
import org.whiteglove.events.VipUpserted;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestEvents;
import org.whiteglove.infra.testing.TestTokens;
import org.whiteglove.infra.testing.TopicRecords;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class PrioritizerFlowTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private static final String SALT = ConfigProvider.getConfig().getValue("whiteglove.contact-key-salt", String.class);

    private static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role));
    }

    private static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    /** A VIP of {@code tier} with email {@code email} and a delegate with phone {@code delegatePhone}. */
    private static void registerVip(String email, String delegatePhone, String tier) {
        TestEvents.publish(bootstrap(), new VipUpserted("p-" + UUID.randomUUID(), tier, null, null,
                List.of(ContactKey.ofEmail(SALT, email)),
                List.of(new VipUpserted.Delegate("d-" + UUID.randomUUID(), List.of(ContactKey.ofPhone(SALT, delegatePhone)))),
                Instant.now()));
        // The list view follows the topic; the preview shows when it has the VIP.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as("agent").contentType(ContentType.JSON)
                .body("{\"impact\":\"MINOR\",\"urgency\":\"LOW\",\"requester\":{\"email\":\"" + email + "\"}}")
                .post("/api/priority/preview").then().statusCode(200).body("vipTier", equalTo(tier)));
    }

    private static TicketOpened ticket(Impact impact, Urgency urgency, List<String> requester, List<String> submitter, boolean claimed) {
        return new TicketOpened(UUID.randomUUID().toString(), "SD-000001", Channel.PHONE, "subject", null, null, impact, urgency,
                requester, submitter, claimed, "call-1", null, Instant.now());
    }

    private static List<TicketPrioritized> decisions(String ticketId, int count) {
        return TopicRecords.await(bootstrap(), Topics.TICKET_PRIORITIES, r -> ticketId.equals(r.key()), count, Duration.ofSeconds(30))
                .stream().map(r -> (TicketPrioritized) EventJson.fromBytes(TopicRecords.header(r, "ce_type"), r.value())).toList();
    }

    @Test
    void a_vip_ticket_is_bumped_per_policy_and_ranked_ahead_but_a_critical_incident_stays_p1() {
        String email = "cfo-" + UUID.randomUUID() + "@example.com";
        registerVip(email, "+41791110001", "EXECUTIVE");

        TicketOpened vipTicket = ticket(Impact.MODERATE, Urgency.MEDIUM, List.of(ContactKey.ofEmail(SALT, email)), List.of(), false);
        TicketOpened sameForOthers = ticket(Impact.MODERATE, Urgency.MEDIUM, List.of(ContactKey.ofEmail(SALT, "someone@example.com")), List.of(), false);
        TicketOpened incident = ticket(Impact.EXTENSIVE, Urgency.CRITICAL, List.of(), List.of(), false);
        List.of(vipTicket, sameForOthers, incident).forEach(t -> TestEvents.publish(bootstrap(), t));

        TicketPrioritized vip = decisions(vipTicket.ticketId(), 1).get(0);
        assertEquals(Priority.P3, vip.priority());
        assertEquals(0, vip.rank());
        assertEquals("EXECUTIVE", vip.vipTier());
        assertEquals(VipMatch.VIP, vip.trace().vipMatch());
        assertEquals("impact MODERATE × urgency MEDIUM → P4; VIP tier EXECUTIVE, model PRIORITIZED: urgency MEDIUM→HIGH → P3",
                vip.trace().sentence());
        TicketPrioritized other = decisions(sameForOthers.ticketId(), 1).get(0);
        assertEquals(Priority.P4, other.priority());
        assertEquals(1, other.rank());
        assertNull(other.vipTier());
        assertEquals(Priority.P1, decisions(incident.ticketId(), 1).get(0).priority());
        int current = as("manager").get("/api/matrix").then().extract().path("version");
        assertEquals(current, vip.matrixVersion(), "the decision names the matrix version it used");

        as("agent").get("/api/decisions/" + vipTicket.ticketId()).then().statusCode(200)
                .body("", hasSize(1)).body("[0].priority", equalTo("P3")).body("[0].trace.vipMatch", equalTo("VIP"));
    }

    @Test
    void a_change_of_impact_or_urgency_re_prioritizes() {
        TicketOpened opened = ticket(Impact.MINOR, Urgency.LOW, List.of(), List.of(), false);
        TestEvents.publish(bootstrap(), opened);
        assertEquals(Priority.P5, decisions(opened.ticketId(), 1).get(0).priority());
        TestEvents.publish(bootstrap(), new TicketUpdated(opened.ticketId(), Impact.EXTENSIVE, Urgency.LOW, null, null,
                Set.of(TicketUpdated.Field.IMPACT), "alice", Instant.now()));
        TestEvents.publish(bootstrap(), new TicketUpdated(opened.ticketId(), Impact.EXTENSIVE, Urgency.LOW, "bob", null,
                Set.of(TicketUpdated.Field.ASSIGNEE), "alice", Instant.now()));
        List<TicketPrioritized> all = decisions(opened.ticketId(), 2);
        assertEquals(2, all.size(), "an assignee change decides nothing");
        assertEquals(Priority.P3, all.get(1).priority());
        assertEquals(Priority.P5, all.get(1).previousPriority());
    }

    @Test
    void delegates_credit_their_vip_and_claims_nobody_backs_are_recorded_as_rejected() {
        String email = "ceo-" + UUID.randomUUID() + "@example.com";
        String delegatePhone = "+4179" + (1000000 + (int) (Math.random() * 8999999));
        registerVip(email, delegatePhone, "EXECUTIVE");

        TicketOpened forTheVip = ticket(Impact.MODERATE, Urgency.MEDIUM, List.of(ContactKey.ofEmail(SALT, email)),
                List.of(ContactKey.ofPhone(SALT, delegatePhone)), false);
        TicketOpened delegateCalls = ticket(Impact.MODERATE, Urgency.MEDIUM, List.of(ContactKey.ofPhone(SALT, delegatePhone)), List.of(), false);
        TicketOpened forSomeoneElse = ticket(Impact.MODERATE, Urgency.MEDIUM, List.of(ContactKey.ofEmail(SALT, "intern@example.com")),
                List.of(ContactKey.ofPhone(SALT, delegatePhone)), false);
        TicketOpened claim = ticket(Impact.MODERATE, Urgency.MEDIUM, List.of(ContactKey.ofEmail(SALT, "bluff@example.com")), List.of(), true);
        List.of(forTheVip, delegateCalls, forSomeoneElse, claim).forEach(t -> TestEvents.publish(bootstrap(), t));

        assertEquals(VipMatch.DELEGATE, decisions(forTheVip.ticketId(), 1).get(0).trace().vipMatch());
        assertEquals(Priority.P3, decisions(delegateCalls.ticketId(), 1).get(0).priority());
        TicketPrioritized other = decisions(forSomeoneElse.ticketId(), 1).get(0);
        assertEquals(Priority.P4, other.priority());
        assertEquals(VipMatch.NONE, other.trace().vipMatch());
        TicketPrioritized rejected = decisions(claim.ticketId(), 1).get(0);
        assertEquals(Priority.P4, rejected.priority());
        assertEquals(VipMatch.CLAIM_REJECTED, rejected.trace().vipMatch());
    }

    @Test
    void a_redelivered_event_makes_no_second_decision_and_garbage_goes_to_the_dlq_without_blocking() {
        TicketOpened opened = ticket(Impact.SIGNIFICANT, Urgency.HIGH, List.of(), List.of(), false);
        CloudEventHeaders headers = TestEvents.publish(bootstrap(), opened);
        TestEvents.publish(bootstrap(), opened, headers);

        String broken = UUID.randomUUID().toString();
        TestEvents.send(bootstrap(), Topics.TICKET_EVENTS, broken, "{not json".getBytes(StandardCharsets.UTF_8),
                CloudEventHeaders.forEvent(opened, "/whiteglove/test", Instant.now()).toKafkaHeaders());
        TestEvents.send(bootstrap(), Topics.TICKET_EVENTS, broken, "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        TicketOpened after = new TicketOpened(broken, "SD-000002", Channel.WEB, "after the garbage", null, null,
                Impact.MINOR, Urgency.HIGH, List.of(), List.of(), false, null, null, Instant.now());
        TestEvents.publish(bootstrap(), after);

        assertEquals(Priority.P4, decisions(broken, 1).get(0).priority(), "the partition keeps flowing");
        List<ConsumerRecord<String, byte[]>> dead = TopicRecords.await(bootstrap(), Topics.deadLetter(Topics.TICKET_EVENTS, "prioritizer"),
                r -> broken.equals(r.key()), 2, Duration.ofSeconds(30));
        assertEquals(2, dead.size());
        assertEquals(1, decisions(opened.ticketId(), 1).size(), "one decision despite the redelivery");
        as("manager").get("/api/decisions/" + opened.ticketId()).then().body("", hasSize(1));
    }

    @Test
    void a_manager_changes_the_matrix_and_new_tickets_use_the_new_version() {
        Map<String, Object> standard = as("manager").get("/api/matrix").then().statusCode(200).extract().path("cells");
        String changed = "{\"cells\": " + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(standard).toString()
                .replace("\"MODERATE\":{\"CRITICAL\":\"P2\",\"HIGH\":\"P3\",\"MEDIUM\":\"P4\"", "\"MODERATE\":{\"CRITICAL\":\"P2\",\"HIGH\":\"P3\",\"MEDIUM\":\"P3\"") + "}";
        int version = as("manager").contentType(ContentType.JSON).body(changed).put("/api/matrix").then().statusCode(200)
                .body("cells.MODERATE.MEDIUM", equalTo("P3")).extract().path("version");
        try {
            TicketOpened opened = ticket(Impact.MODERATE, Urgency.MEDIUM, List.of(), List.of(), false);
            TestEvents.publish(bootstrap(), opened);
            TicketPrioritized decided = decisions(opened.ticketId(), 1).get(0);
            assertEquals(Priority.P3, decided.priority());
            assertEquals(version, decided.matrixVersion());
        } finally {
            as("manager").contentType(ContentType.JSON).body("{\"cells\": " + new com.fasterxml.jackson.databind.ObjectMapper()
                    .valueToTree(standard) + "}").put("/api/matrix").then().statusCode(200);
        }
        as("agent").contentType(ContentType.JSON).body(changed).put("/api/matrix").then().statusCode(403);
        as("manager").contentType(ContentType.JSON).body("{\"cells\": {\"MINOR\": {\"LOW\": \"P5\"}}}").put("/api/matrix")
                .then().statusCode(400).body("errors.field", hasItem("cells"));
        as("manager").contentType(ContentType.JSON).body("{\"cells\": {\"MINOR\": {\"LOW\": \"P9\"}}}").put("/api/matrix")
                .then().statusCode(400);
        as("manager").contentType(ContentType.JSON).body("{\"cap\": \"P1\", \"tiers\": {}}").put("/api/vip-policy")
                .then().statusCode(400).body("errors.field", hasItem("cap"));
        as("manager").get("/api/vip-policy").then().statusCode(200).body("cap", equalTo("P2"))
                .body("tiers.EXECUTIVE.model", equalTo("PRIORITIZED"));
        given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("VIP list read to the end"));
    }
}
