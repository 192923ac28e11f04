package org.whiteglove.notifier;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.whiteglove.events.Channel;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.Impact;
import org.whiteglove.events.NotificationDelivered;
import org.whiteglove.events.NotificationFailed;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.events.Topics;
import org.whiteglove.events.Urgency;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestEvents;
import org.whiteglove.infra.testing.TestTokens;
import org.whiteglove.infra.testing.TopicRecords;
import org.whiteglove.notifier.domain.WebhookSignature;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Alerts from real events on the real broker, delivered to a real SMTP server and a real HTTP receiver. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotifierFlowTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String SECRET = "a-secret-of-some-length";

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    static String vipTicket(String number) {
        String id = "T-" + UUID.randomUUID();
        Instant now = Instant.now();
        TestEvents.publish(bootstrap(), new TicketOpened(id, number, Channel.PHONE, "Laptop will not boot", null, null,
                Impact.MODERATE, Urgency.MEDIUM, List.of(), List.of(), false, null, null, now));
        TestEvents.publish(bootstrap(), new TicketPrioritized(id, Priority.P3, null, "service-desk", 0, "EXECUTIVE", null, null, 1, null, now));
        return id;
    }

    /** Mails about a ticket (its link names the ticket id) to one address. */
    static List<MimeMessage> mailsTo(String address, String ticketId) {
        return Arrays.stream(SmtpTestResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return text(m).contains(ticketId)
                        && Stream.of(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The decoded text part of a mail (the raw body is quoted-printable and wraps long lines). */
    static String text(MimeMessage m) {
        try {
            Object content = m.getContent();
            if (content instanceof jakarta.mail.Multipart multipart) {
                StringBuilder all = new StringBuilder();
                for (int i = 0; i < multipart.getCount(); i++) {
                    Object part = multipart.getBodyPart(i).getContent();
                    all.append(part instanceof String ? part : "");
                }
                return all.toString();
            }
            return String.valueOf(content);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String subjectOf(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    String webhookRule(String kind, String url, String format) {
        return as("ops").body("{\"name\":\"hook " + UUID.randomUUID() + "\",\"kind\":\"" + kind + "\",\"webhooks\":[{\"url\":\"" + url
                        + "\",\"format\":\"" + format + "\",\"secret\":\"" + SECRET + "\"}],\"enabled\":true}")
                .post("/api/rules").then().statusCode(201).extract().path("id");
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aDeliveryWhoseAlertCannotBeReadIsFailedAndTheOnesAfterItStillGoOut() throws Exception {
        UUID broken = UUID.randomUUID();
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO delivery (id, source_event_id, rule_id, rule_name, channel,"
                     + " recipient, ticket_id, alert, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 'no-rule', 'broken',"
                     + " 'EMAIL', 'broken@example.org', ?, '{\"kind\":\"NO_SUCH_KIND\"}', 'PENDING', 0, now() - interval '1 hour', now())")) {
            insert.setObject(1, broken);
            insert.setString(2, "broken-" + broken);
            insert.setString(3, "T-" + broken);
            insert.executeUpdate();
        }
        String id = vipTicket("SD-700099");
        await().atMost(WAIT).until(() -> !mailsTo("desk-manager@whiteglove.local", id).isEmpty());
        try (Connection c = dataSource.getConnection();
             PreparedStatement read = c.prepareStatement("SELECT d.status, a.outcome FROM delivery d JOIN delivery_attempt a"
                     + " ON a.delivery_id = d.id WHERE d.id = ?")) {
            read.setObject(1, broken);
            try (ResultSet rs = read.executeQuery()) {
                assertTrue(rs.next(), "the broken delivery's attempt is logged");
                assertEquals("FAILED", rs.getString(1));
                assertEquals("FAILED", rs.getString(2));
            }
        }
    }

    @Test
    void aVipTicketSubmittedEmailsTheDeskManagerOnceEvenWhenRedelivered() {
        String id = "T-" + UUID.randomUUID();
        Instant now = Instant.now();
        TestEvents.publish(bootstrap(), new TicketOpened(id, "SD-700001", Channel.PHONE, "Laptop will not boot", null, null,
                Impact.MODERATE, Urgency.MEDIUM, List.of(), List.of(), false, null, null, now));
        TicketPrioritized decision = new TicketPrioritized(id, Priority.P3, null, "service-desk", 0, "EXECUTIVE", null, null, 1, null, now);
        CloudEventHeaders headers = TestEvents.publish(bootstrap(), decision);
        TestEvents.publish(bootstrap(), decision, headers); // Kafka redelivers: same ce_id

        await().atMost(WAIT).until(() -> !mailsTo("desk-manager@whiteglove.local", id).isEmpty());
        List<ConsumerRecord<String, byte[]>> delivered = TopicRecords.await(bootstrap(), Topics.NOTIFICATION_EVENTS,
                r -> id.equals(r.key()) && TopicRecords.header(r, "ce_type").endsWith("NotificationDelivered"), 1, WAIT);
        assertEquals(1, mailsTo("desk-manager@whiteglove.local", id).size(), "one email despite the redelivery");
        NotificationDelivered event = (NotificationDelivered) EventJson.fromBytes(TopicRecords.header(delivered.get(0), "ce_type"),
                delivered.get(0).value());
        assertEquals("desk-manager@whiteglove.local", event.recipient());
        assertEquals(headers.id(), event.sourceEventId());

        as("agent").get("/api/deliveries?ticketId=" + id).then().statusCode(200)
                .body("channel", hasItem("EMAIL"))
                .body("find { it.channel == 'EMAIL' }.status", equalTo("DELIVERED"))
                .body("find { it.channel == 'EMAIL' }.log[0].outcome", equalTo("DELIVERED"))
                .body("find { it.channel == 'STREAM' }.status", equalTo("DELIVERED"));
    }

    @Test
    void anEmailCarriesTheTicketPriorityTierAndALink() throws Exception {
        String id = vipTicket("SD-700002");
        await().atMost(WAIT).until(() -> !mailsTo("desk-manager@whiteglove.local", id).isEmpty());
        MimeMessage mail = mailsTo("desk-manager@whiteglove.local", id).get(0);
        String body = text(mail);
        assertTrue(mail.getSubject().contains("EXECUTIVE") && mail.getSubject().contains("P3"), mail.getSubject());
        assertEquals(1, mail.getHeader("Message-ID").length);
        assertTrue(body.contains("Laptop will not boot") && body.contains(id), body);
    }

    @Test
    void aSignedWebhookIsRetriedUntilItIsDelivered() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> n <= 2 ? 503 : 200)) {
            webhookRule("SLA_BREACH", receiver.url(), "GENERIC");
            String id = vipTicket("SD-700003");
            TestEvents.publish(bootstrap(), new SlaBreached(id, SlaClockKind.RESPONSE, Instant.now(), 1, Instant.now(),
                    Priority.P3, "EXECUTIVE", "service-desk"));

            await().atMost(WAIT).until(() -> receiver.requests.size() >= 3);
            WebhookReceiver.Request last = receiver.requests.get(2);
            assertTrue(WebhookSignature.verify(SECRET, last.header(WebhookSignature.HEADER), last.body(), Instant.now().getEpochSecond(), 300),
                    "the receiver can verify the signature");
            assertTrue(!WebhookSignature.verify("another-secret-entirely", last.header(WebhookSignature.HEADER), last.body(),
                    Instant.now().getEpochSecond(), 300));
            assertEquals(1, receiver.requests.stream().map(r -> r.header("X-Whiteglove-Delivery")).distinct().count(),
                    "the same delivery id on every try");
            assertTrue(new String(last.body()).contains("\"kind\":\"SLA_BREACH\""));
            await().atMost(WAIT).untilAsserted(() -> as("ops").get("/api/deliveries?ticketId=" + id).then()
                    .body("find { it.channel == 'WEBHOOK' }.status", equalTo("DELIVERED"))
                    .body("find { it.channel == 'WEBHOOK' }.log.outcome", equalTo(List.of("RETRY", "RETRY", "DELIVERED"))));
        }
    }

    @Test
    void aBreachThatArrivesBeforeItsTicketsDecisionIsRoutedAtOnceByTheDecisionItCarries() throws Exception {
        // The topics are read independently: here sla.events is ahead of ticket.priorities. The breach carries the
        // decision the monitor started its clocks with, so a VIP-only rule hears of it without waiting.
        String address = "vip-breach-" + UUID.randomUUID() + "@example.org";
        as("ops").body("{\"name\":\"VIP breaches\",\"kind\":\"SLA_BREACH\",\"vipTiers\":[\"*\"],\"emails\":[\"" + address
                + "\"],\"enabled\":true}").post("/api/rules").then().statusCode(201);
        String id = "T-" + UUID.randomUUID();
        Instant now = Instant.now();
        TestEvents.publish(bootstrap(), new TicketOpened(id, "SD-700010", Channel.PHONE, "Laptop will not boot", null, null,
                Impact.MODERATE, Urgency.MEDIUM, List.of(), List.of(), false, null, null, now));
        TestEvents.publish(bootstrap(), new SlaBreached(id, SlaClockKind.RESPONSE, now, 1, now, Priority.P3, "EXECUTIVE", "vip-desk"));
        await().atMost(WAIT).until(() -> mailsTo(address, id).size() == 1);
        String subject = subjectOf(mailsTo(address, id).get(0));
        assertTrue(subject.contains("VIP EXECUTIVE") && subject.contains("(P3)"), subject);
    }

    @Test
    void aBreachThatArrivesBeforeItsTicketIsMailedWithTheTicketsNumberAsSoonAsTheTicketOpens() {
        // The message waits for the opening (number, subject) up to 30 s; the opening, not a poll, makes it due.
        String address = "early-breach-" + UUID.randomUUID() + "@example.org";
        as("ops").body("{\"name\":\"early breaches\",\"kind\":\"SLA_BREACH\",\"emails\":[\"" + address
                + "\"],\"enabled\":true}").post("/api/rules").then().statusCode(201);
        String id = "T-" + UUID.randomUUID();
        Instant now = Instant.now();
        TestEvents.publish(bootstrap(), new SlaBreached(id, SlaClockKind.RESPONSE, now, 1, now, Priority.P3, null, "service-desk"));
        await().atMost(WAIT).untilAsserted(() -> as("ops").get("/api/deliveries?ticketId=" + id).then()
                .body("find { it.channel == 'EMAIL' }.status", equalTo("PENDING")));
        assertTrue(mailsTo(address, id).isEmpty(), "no mail before the ticket is known");

        TestEvents.publish(bootstrap(), new TicketOpened(id, "SD-700020", Channel.EMAIL, "Printer on fire", null, null,
                Impact.MODERATE, Urgency.MEDIUM, List.of(), List.of(), false, null, null, Instant.now()));
        await().atMost(Duration.ofSeconds(20)).until(() -> mailsTo(address, id).size() == 1);
        assertTrue(subjectOf(mailsTo(address, id).get(0)).contains("SD-700020"), subjectOf(mailsTo(address, id).get(0)));
    }

    @Test
    void aBreachFromAnOlderMonitorWithoutItsDecisionIsRoutedByTheTicketAsTheNotifierKnowsIt() throws Exception {
        String id = vipTicket("SD-700011");
        await().atMost(WAIT).until(() -> mailsTo("desk-manager@whiteglove.local", id).size() == 1); // its decision was read
        TestEvents.publish(bootstrap(), new SlaBreached(id, SlaClockKind.RESPONSE, Instant.now(), 1, Instant.now(), null, null, null));
        await().atMost(WAIT).until(() -> mailsTo("service-desk@whiteglove.local", id).stream()
                .anyMatch(m -> subjectOf(m).contains("SLA breached") && subjectOf(m).contains("(P3) VIP EXECUTIVE")));
    }

    @Test
    void aWebhookThatKeepsFailingEndsInAFailedEventAndADeadLetter() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(n -> 500)) {
            webhookRule("ESCALATION", receiver.url(), "SLACK");
            String id = vipTicket("SD-700004");
            TestEvents.publish(bootstrap(), new EscalationRaised(id, SlaClockKind.RESOLUTION, 2, "desk-manager", Instant.now(), 1, Instant.now(),
                    Priority.P3, "EXECUTIVE", "service-desk"));

            List<ConsumerRecord<String, byte[]>> failed = TopicRecords.await(bootstrap(), Topics.NOTIFICATION_EVENTS,
                    r -> id.equals(r.key()) && TopicRecords.header(r, "ce_type").endsWith("NotificationFailed"), 1, WAIT);
            NotificationFailed event = (NotificationFailed) EventJson.fromBytes(TopicRecords.header(failed.get(0), "ce_type"), failed.get(0).value());
            assertEquals(4, event.attempts());
            assertTrue(event.reason().contains("500"), event.reason());
            TopicRecords.await(bootstrap(), Topics.deadLetter(Topics.NOTIFICATION_EVENTS, "notifier"), r -> id.equals(r.key()), 1, WAIT);
            assertEquals(4, receiver.requests.size());
            assertTrue(new String(receiver.requests.get(0).body()).contains("\"text\":\"Escalation level 2"), "a Slack message");
        }
    }

    @Test
    void anEscalationOfAResolvedTicketIsSuppressed() {
        String id = vipTicket("SD-700005");
        await().atMost(WAIT).until(() -> mailsTo("desk-manager@whiteglove.local", id).size() == 1); // its decision was read
        TestEvents.publish(bootstrap(), new TicketStatusChanged(id, TicketStatus.OPEN, TicketStatus.ASSIGNED, "agent-1", Instant.now()));
        TestEvents.publish(bootstrap(), new TicketStatusChanged(id, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, "agent-1", Instant.now()));
        // The desk manager hears of the VIP ticket submitted, assigned and resolved.
        await().atMost(WAIT).until(() -> mailsTo("desk-manager@whiteglove.local", id).size() == 3);
        assertEquals(List.of("New", "assigned", "resolved"), mailsTo("desk-manager@whiteglove.local", id).stream()
                .map(m -> subjectOf(m).contains("assigned") ? "assigned" : subjectOf(m).contains("resolved") ? "resolved" : "New")
                .sorted().toList());
        TestEvents.publish(bootstrap(), new EscalationRaised(id, SlaClockKind.RESOLUTION, 1, "assignee-group", Instant.now(), 1, Instant.now(),
                    Priority.P3, "EXECUTIVE", "service-desk"));
        await().atMost(WAIT).untilAsserted(() -> as("ops").get("/api/deliveries?ticketId=" + id).then()
                .body("findAll { it.alert.kind == 'ESCALATION' && it.channel == 'EMAIL' }.status", equalTo(List.of("SUPPRESSED")))
                .body("find { it.alert.kind == 'ESCALATION' && it.channel == 'EMAIL' }.lastError", equalTo("suppressed: ticket is RESOLVED")));
        assertTrue(mailsTo("service-desk@whiteglove.local", id).isEmpty());
    }

    @Test
    void theStreamResumesAfterTheLastEventId() throws Exception {
        String first = vipTicket("SD-700006");
        await().atMost(WAIT).untilAsserted(() -> as("ops").get("/api/deliveries?ticketId=" + first).then()
                .body("channel", hasItem("STREAM")));
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        List<String> lines = new CopyOnWriteArrayList<>();
        var response = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/stream"))
                .header("Authorization", TestTokens.bearer("ops")).header("Last-Event-ID", "0").GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains(first)));
        long lastId = lines.stream().filter(l -> l.startsWith("id:")).mapToLong(l -> Long.parseLong(l.substring(3).strip())).max().orElseThrow();

        // Live: a new alert arrives on the open stream.
        String second = vipTicket("SD-700007");
        await().atMost(WAIT).until(() -> lines.stream().anyMatch(l -> l.contains(second)));
        response.cancel(true);

        // Resumed after lastId: the missed alert comes, the ones already seen do not.
        List<String> resumed = new CopyOnWriteArrayList<>();
        var again = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/stream"))
                .header("Authorization", TestTokens.bearer("ops")).header("Last-Event-ID", String.valueOf(lastId)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        again.thenAccept(r -> r.body().forEach(resumed::add));
        await().atMost(WAIT).until(() -> resumed.stream().anyMatch(l -> l.contains(second)));
        assertTrue(resumed.stream().noneMatch(l -> l.contains(first)), "nothing before Last-Event-ID again");
        again.cancel(true);
        given().get("/api/stream").then().statusCode(401);
        as("agent").get("/api/stream").then().statusCode(403);
    }

    @Test
    void rulesAreValidatedAndOwnedByOpsAndManagers() {
        as("ops").get("/api/rules").then().statusCode(200).body("name", hasItem("VIP ticket submitted → desk manager"));
        as("ops").body("{\"name\":\"x\",\"kind\":\"SLA_BREACH\"}").post("/api/rules").then().statusCode(400)
                .body("errors[0].field", equalTo("emails"));
        as("ops").body("{\"name\":\"x\",\"kind\":\"SLA_BREACH\",\"webhooks\":[{\"url\":\"ftp://x\",\"secret\":\"0123456789abcdef\"}]}")
                .post("/api/rules").then().statusCode(400).body("errors[0].field", equalTo("webhooks"));
        as("ops").body("{\"name\":\"x\",\"kind\":\"SLA_BREACH\",\"escalationLevel\":2,\"stream\":true}").post("/api/rules").then()
                .statusCode(400).body("errors[0].field", equalTo("escalationLevel"));
        as("agent").body("{\"name\":\"x\",\"kind\":\"SLA_BREACH\",\"stream\":true}").post("/api/rules").then().statusCode(403);
        String id = as("manager").body("{\"name\":\"breaches to the stream\",\"kind\":\"SLA_BREACH\",\"stream\":true,\"enabled\":true,"
                        + "\"webhooks\":[{\"url\":\"https://hooks.example.org/x\",\"format\":\"TEAMS\",\"secret\":\"0123456789abcdef\"}]}")
                .post("/api/rules").then().statusCode(201).body("webhooks[0].secret", equalTo("****************"))
                .extract().path("id");
        as("ops").body("{\"name\":\"renamed\",\"kind\":\"SLA_BREACH\",\"stream\":true,\"enabled\":false}").put("/api/rules/" + id)
                .then().statusCode(200).body("name", equalTo("renamed"));
        as("ops").delete("/api/rules/" + id).then().statusCode(204);
        as("ops").get("/api/rules/" + id).then().statusCode(404);
    }
}
