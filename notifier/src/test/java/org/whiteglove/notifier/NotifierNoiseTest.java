package org.whiteglove.notifier;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.SlaWarning;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestEvents;
import org.whiteglove.notifier.delivery.Dispatcher;
import org.whiteglove.notifier.persistence.DeliveryRows;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.whiteglove.notifier.NotifierFlowTest.WAIT;
import static org.whiteglove.notifier.NotifierFlowTest.as;
import static org.whiteglove.notifier.NotifierFlowTest.bootstrap;
import static org.whiteglove.notifier.NotifierFlowTest.vipTicket;

/** Digests for bursts, critical alerts first in a storm, and escalation reminders that stop when acknowledged. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class NotifierNoiseTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Inject
    AdjustableClock clock;
    @Inject
    Dispatcher dispatcher;
    @Inject
    AgroalDataSource dataSource;

    static List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(SmtpTestResource.greenMail().getReceivedMessages()).filter(m -> {
            try {
                return Stream.of(m.getAllRecipients()).anyMatch(r -> r.toString().equals(address));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aBurstBeyondTheRuleLimitBecomesADigest() {
        String address = "digest-" + UUID.randomUUID() + "@example.org";
        as("ops").body("{\"name\":\"warnings, at most 2 per 5 s\",\"kind\":\"SLA_WARNING\",\"emails\":[\"" + address + "\"],"
                + "\"maxPerWindow\":2,\"window\":\"PT5S\",\"enabled\":true}").post("/api/rules").then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            String id = vipTicket("SD-71000" + i);
            TestEvents.publish(bootstrap(), new SlaWarning(id, SlaClockKind.RESPONSE, 75, Instant.now().plusSeconds(600), 1, Instant.now(), Priority.P3, "EXECUTIVE", "service-desk"));
        }
        // Two alerts one by one, then the other three in digests when their window ends. An alert consumed before its
        // ticket's opening waits for it (up to the dispatcher's next sweep, 5 s), so a one-by-one mail may come after
        // the digest: wait for both, then count.
        await().atMost(WAIT).until(() -> {
            List<MimeMessage> mails = mailsTo(address);
            return digested(mails) == 3 && oneByOne(mails) >= 2;
        });
        List<MimeMessage> mails = mailsTo(address);
        assertEquals(2, oneByOne(mails), mails.stream().map(NotifierNoiseTest::subject).toList().toString());
    }

    /** Mails of single SLA warnings (a digest's subject begins "Digest:"). */
    private static long oneByOne(List<MimeMessage> mails) {
        return mails.stream().filter(m -> subject(m).contains("SLA warning")).count();
    }

    @Test
    void aStormsDigestCountsEveryAlertAndListsTheFirstTickets() {
        String address = "storm-" + UUID.randomUUID() + "@example.org";
        as("ops").body("{\"name\":\"breaches, at most 1 an hour\",\"kind\":\"SLA_BREACH\",\"emails\":[\"" + address + "\"],"
                + "\"maxPerWindow\":1,\"window\":\"PT1H\",\"enabled\":true}").post("/api/rules").then().statusCode(201);
        int storm = 60;
        for (int i = 0; i < storm; i++) {
            String id = vipTicket("SD-72" + String.format("%03d", i));
            TestEvents.publish(bootstrap(), new SlaBreached(id, SlaClockKind.RESPONSE, Instant.now(), 1, Instant.now(), Priority.P3,
                    "EXECUTIVE", "service-desk"));
        }
        // One breach mailed on its own, the others held for the digest at the window's end, which the clock then reaches.
        await().atMost(WAIT).until(() -> deliveries(address, "DIGESTED") == storm - 1);
        clock.advance(Duration.ofHours(1));
        dispatcher.wake();
        await().atMost(WAIT).until(() -> digested(mailsTo(address)) == storm - 1);
        List<MimeMessage> digests = mailsTo(address).stream().filter(m -> subject(m).startsWith("Digest:")).toList();
        for (MimeMessage digest : digests) {
            int count = digested(List.of(digest));
            String text = NotifierFlowTest.text(digest);
            long listed = Pattern.compile("SD-72\\d{3}").matcher(text).results().map(MatchResult::group).distinct().count();
            assertEquals(Math.min(count, 50), listed, "the first 50 tickets are named: " + text);
            assertEquals(count > 50, text.contains("and more"), "a longer list says so: " + text);
        }
    }

    @Test
    void aStormOfMinorBreachesLeavesACriticalBreachItsOwnMail() throws SQLException {
        String address = "budget-" + UUID.randomUUID() + "@example.org";
        as("ops").body("{\"name\":\"breaches, at most 2 an hour\",\"kind\":\"SLA_BREACH\",\"emails\":[\"" + address + "\"],"
                + "\"maxPerWindow\":2,\"window\":\"PT1H\",\"enabled\":true}").post("/api/rules").then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            TestEvents.publish(bootstrap(), new SlaBreached(vipTicket("SD-73000" + i), SlaClockKind.RESPONSE, Instant.now(), 1,
                    Instant.now(), Priority.P4, "EXECUTIVE", "service-desk"));
        }
        // The minor storm has used the rule's limit (two mailed, three held for the digest) before the P1 breach comes.
        await().atMost(WAIT).until(() -> deliveries(address, "DIGESTED") == 3);
        TestEvents.publish(bootstrap(), new SlaBreached(vipTicket("SD-730009"), SlaClockKind.RESPONSE, Instant.now(), 1,
                Instant.now(), Priority.P1, "EXECUTIVE", "service-desk"));
        await().atMost(WAIT).until(() -> mailsTo(address).stream().filter(m -> subject(m).contains("(P1)")).count() == 1
                && mailsTo(address).stream().filter(m -> subject(m).contains("(P4)")).count() == 2);
        assertEquals(3, deliveries(address, "DIGESTED"), "the P1 breach is not held for the digest");
    }

    @Test
    void queuedDeliveriesGoOutCriticalFirst() {
        String address = "queue-" + UUID.randomUUID() + "@example.org";
        as("ops").body("{\"name\":\"every breach\",\"kind\":\"SLA_BREACH\",\"emails\":[\"" + address + "\"],\"enabled\":true}")
                .post("/api/rules").then().statusCode(201);
        // Breaches of tickets whose opening has not arrived wait up to 30 s for it: a queue that falls due at once when
        // the clock moves past the wait. The P1 breach comes last, so in due order it would go out last.
        int minor = 30;
        for (int i = 0; i < minor; i++) {
            TestEvents.publish(bootstrap(), new SlaBreached("T-" + UUID.randomUUID(), SlaClockKind.RESPONSE, Instant.now(), 1,
                    Instant.now(), Priority.P5, null, "service-desk"));
        }
        await().atMost(WAIT).until(() -> deliveries(address, "PENDING") == minor);
        String critical = "T-" + UUID.randomUUID();
        TestEvents.publish(bootstrap(), new SlaBreached(critical, SlaClockKind.RESPONSE, Instant.now(), 1, Instant.now(), Priority.P1,
                null, "service-desk"));
        await().atMost(WAIT).until(() -> deliveries(address, "PENDING") == minor + 1);
        clock.advance(DeliveryRows.WAIT_FOR_TICKET.plusSeconds(1));
        dispatcher.wake();
        await().atMost(WAIT).until(() -> mailsTo(address).size() == minor + 1);
        assertEquals("[Whiteglove] SLA breached: " + critical + " (P1), response deadline passed", subject(mailsTo(address).get(0)),
                "the P1 breach goes out first");
    }

    /** The address's deliveries in this status (PENDING: due or waiting; DIGESTED: held for the window's digest). */
    private long deliveries(String address, String status) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT count(*) FROM delivery WHERE recipient = ? AND status = ?")) {
            s.setString(1, address);
            s.setString(2, status);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int digested(List<MimeMessage> mails) {
        Pattern p = Pattern.compile("Digest: (\\d+) more");
        return mails.stream().map(NotifierNoiseTest::subject).map(p::matcher).filter(Matcher::find)
                .mapToInt(m -> Integer.parseInt(m.group(1))).sum();
    }

    @Test
    void escalationRemindersStopOnceAcknowledged() {
        String address = "remind-" + UUID.randomUUID() + "@example.org";
        as("ops").body("{\"name\":\"level 2, reminded\",\"kind\":\"ESCALATION\",\"escalationLevel\":2,\"emails\":[\"" + address + "\"],"
                + "\"repeatEvery\":\"PT30M\",\"enabled\":true}").post("/api/rules").then().statusCode(201);
        String id = vipTicket("SD-720001");
        var headers = TestEvents.publish(bootstrap(), new EscalationRaised(id, SlaClockKind.RESOLUTION, 2, "desk-manager",
                Instant.now(), 1, Instant.now(), Priority.P3, "EXECUTIVE", "service-desk"));
        await().atMost(WAIT).until(() -> mailsTo(address).size() == 1);
        // The mail is out before its transaction commits: wait for the reminder it schedules, then move time.
        await().atMost(WAIT).untilAsserted(() -> as("ops").get("/api/deliveries?ticketId=" + id).then()
                .body("findAll { it.recipient == '" + address + "' }.status", hasItem("PENDING")));

        clock.advance(Duration.ofMinutes(31));
        dispatcher.wake();
        await().atMost(WAIT).until(() -> mailsTo(address).size() == 2);
        await().atMost(WAIT).untilAsserted(() -> as("ops").get("/api/deliveries?ticketId=" + id).then()
                .body("findAll { it.recipient == '" + address + "' }.status", hasItem("PENDING")));

        as("agent").post("/api/escalations/{id}/ack", headers.id()).then().statusCode(200).body("ackedBy", equalTo("test-agent"));
        clock.advance(Duration.ofMinutes(31));
        dispatcher.wake();
        await().atMost(WAIT).untilAsserted(() -> as("ops").get("/api/deliveries?ticketId=" + id).then()
                .body("lastError", hasItem("suppressed: escalation acknowledged")));
        assertEquals(2, mailsTo(address).size(), "no reminder after the acknowledgement");
        as("agent").post("/api/escalations/{id}/ack", "no-such-escalation").then().statusCode(404);
        as("manager").post("/api/escalations/{id}/ack", headers.id()).then().statusCode(403);
    }
}
