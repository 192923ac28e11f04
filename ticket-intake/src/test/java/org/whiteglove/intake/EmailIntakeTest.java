package org.whiteglove.intake;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.TicketEvent;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/**
 * Mail intake end to end. Each test makes its fixtures unique (fresh Message-IDs) so tests do not see
 * each other's tickets.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class EmailIntakeTest extends IntakeTest {

    @Test
    void a_new_mail_opens_a_ticket_and_the_same_mail_again_changes_nothing() {
        String mail = uniqueIds(fixture("01-gmail-alternative-utf8.eml"));
        String id = post(mail).then().statusCode(201)
                .body("outcome", equalTo("CREATED"))
                .body("ticket.channel", equalTo("EMAIL"))
                .body("ticket.subject", equalTo("VPN verbindet nicht – Zugänge gesperrt"))
                .body("ticket.requester.email", equalTo("ada.lovelace@example.org"))
                .body("ticket.description", containsString("„Authentifizierung fehlgeschlagen“"))
                .extract().path("ticket.id");
        // Delivered again, e.g. through a second mailbox.
        post(mail).then().statusCode(200).body("outcome", equalTo("DUPLICATE")).body("ticket.id", equalTo(id));
        assertEquals(1, events(id, 1).size());
    }

    @Test
    void a_reply_updates_its_ticket_and_a_reply_while_pending_resumes_it() {
        String suffix = UUID.randomUUID().toString();
        String original = fixture("01-gmail-alternative-utf8.eml").replace("Yq1x9mV3@", "Yq1x9mV3-" + suffix + "@");
        String id = post(original).then().statusCode(201).extract().path("ticket.id");
        patch(id, "{\"assignee\": \"alice\"}");
        patch(id, "{\"status\": \"IN_PROGRESS\"}");
        patch(id, "{\"status\": \"PENDING_CUSTOMER\"}");

        String reply = fixture("07-reply-in-reply-to.eml").replace("Yq1x9mV3@", "Yq1x9mV3-" + suffix + "@")
                .replace("reply-2@", "reply-2-" + suffix + "@");
        post(reply).then().statusCode(200).body("outcome", equalTo("UPDATED")).body("ticket.id", equalTo(id))
                .body("ticket.status", equalTo("IN_PROGRESS"));
        post(reply).then().statusCode(200).body("outcome", equalTo("DUPLICATE"));

        as("agent").get("/api/tickets/" + id).then().statusCode(200)
                .body("history.kind", hasItem("CUSTOMER_REPLY"))
                .body("history.find { it.kind == 'CUSTOMER_REPLY' }.detail.text",
                        equalTo("Here is the screenshot you asked for: the error code is 809."));
        List<TicketEvent> events = events(id, 7);
        TicketStatusChanged resumed = assertInstanceOf(TicketStatusChanged.class, events.get(events.size() - 1));
        assertEquals(TicketStatus.PENDING_CUSTOMER, resumed.from());
        assertEquals(TicketStatus.IN_PROGRESS, resumed.to());
        assertEquals("customer", resumed.actor());
    }

    @Test
    void a_ticket_number_in_the_subject_threads_a_reply_without_headers() {
        String id = post(uniqueIds(fixture("02-outlook-html-only-windows1252.eml"))).then().statusCode(201)
                .body("ticket.description", containsString("Der Drucker „PRN-3OG-02“ druckt"))
                .extract().path("ticket.id");
        String number = as("agent").get("/api/tickets/" + id).then().extract().path("number");
        String reply = uniqueIds(fixture("08-reply-subject-number.eml")).replace("SD-000042", number);
        post(reply).then().statusCode(200).body("outcome", equalTo("UPDATED")).body("ticket.id", equalTo(id));
    }

    @Test
    void auto_replies_bounces_and_bulk_mail_never_open_tickets() {
        for (String fixture : List.of("10-auto-reply-out-of-office.eml", "11-bounce-delivery-status.eml", "12-bulk-newsletter.eml")) {
            post(uniqueIds(fixture(fixture))).then().statusCode(202).body("outcome", equalTo("IGNORED"))
                    .body("ticket", org.hamcrest.Matchers.nullValue());
        }
    }

    @Test
    void on_behalf_of_mail_records_the_assistant_attachments_and_importance() {
        post(uniqueIds(fixture("13-on-behalf-of-assistant.eml"))).then().statusCode(201)
                .body("ticket.requester.email", equalTo("dana.chief@example.com"))
                .body("ticket.submittedBy.email", equalTo("sam.assistant@example.com"))
                .body("ticket.urgency", equalTo("HIGH"));
        String id = post(uniqueIds(fixture("03-apple-mail-attachment.eml"))).then().statusCode(201)
                .body("ticket.attachments.fileName", equalTo(List.of("Q3 report.pdf", "crash.log")))
                .extract().path("ticket.id");
        TicketOpened opened = assertInstanceOf(TicketOpened.class, events(id, 1).get(0));
        assertEquals(1, opened.requesterContactKeys().size());
        assertEquals(List.of(), opened.submitterContactKeys());
    }

    @Test
    void every_fixture_of_a_person_opens_a_ticket_and_malformed_mail_is_400() {
        for (String fixture : List.of("04-iso-8859-1-plain.eml", "05-forwarded-inline.eml", "06-forwarded-as-attachment.eml",
                "09-outlook-reply-chain.eml", "14-no-message-id.eml", "15-base64-utf8-japanese.eml",
                "16-outlook-windows1252-plain-qp.eml")) {
            String mail = fixture.equals("14-no-message-id.eml")
                    ? fixture(fixture).replace("exit code 3", "exit code 3 (" + UUID.randomUUID() + ")")
                    : uniqueIds(fixture(fixture));
            post(mail).then().statusCode(201).body("outcome", equalTo("CREATED"));
        }
        post(fixture("17-malformed-no-from.eml")).then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("no From address"));
        as("agent").contentType("message/rfc822").body(fixture("01-gmail-alternative-utf8.eml").getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/intake/email").then().statusCode(403);
    }

    @Test
    void a_mail_over_10_mib_is_413_problem_json() {
        String huge = uniqueIds(fixture("14-no-message-id.eml")) + "x".repeat(10 * 1024 * 1024 + 1);
        post(huge).then().statusCode(413).contentType("application/problem+json")
                .body("detail", containsString("at most 10485760"));
    }

    private static Response post(String mail) {
        return as("intake").contentType("message/rfc822").body(mail.getBytes(StandardCharsets.ISO_8859_1)).post("/api/intake/email");
    }

    private static void patch(String id, String body) {
        as("agent").contentType("application/merge-patch+json").body(body).patch("/api/tickets/" + id).then().statusCode(200);
    }

    /** A fixture with its Message-ID, In-Reply-To and References made unique for this test run. */
    private static String uniqueIds(String mail) {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return mail.replaceAll("(?m)^(Message-I[Dd]: <)", "$1" + run + ".")
                .replaceAll("(?m)^(In-Reply-To: <)", "$1" + run + ".");
    }

    /** The fixture's bytes as ISO-8859-1 text, so 8-bit fixtures survive the round trip unchanged. */
    private static String fixture(String name) {
        try (InputStream in = EmailIntakeTest.class.getResourceAsStream("/emails/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
