package org.whiteglove.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.whiteglove.deploy.check.Api;
import org.whiteglove.deploy.check.Await;
import org.whiteglove.deploy.check.Platform;
import org.whiteglove.deploy.check.WebhookReceiver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.whiteglove.deploy.check.Api.expect;

/**
 * The whole flow across the six services, on a platform started by {@code deploy/whiteglove up} with its
 * real Kafka broker, PostgreSQL and SMTP server; webhooks go to a real HTTP receiver in this test. Nothing is
 * published or read behind the services' backs: every step is an API call a desk would make.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlatformE2EIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SECRET = "e2e-webhook-secret-0123456789";
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    /** E.164 numbers unique to this run, so contacts never clash with another run's VIPs. */
    private static final String VIP_PHONE = "+4179" + (1_000_000 + Math.abs(RUN.hashCode() % 8_000_000));
    private static final String DELEGATE_PHONE = "+4178" + (1_000_000 + Math.abs(RUN.hashCode() % 8_000_000));

    static final Platform PLATFORM = TestPlatforms.on("e2e-platform", 28181, 29292, 25632, 22725);
    private static final Api API = PLATFORM.api();
    private static WebhookReceiver receiver;

    @BeforeAll
    static void up() throws Exception {
        TestPlatforms.fresh(PLATFORM);
        Platform.Run up = PLATFORM.whiteglove("up");
        System.out.println(up.output());
        assertEquals(0, up.exit(), up.output());
        receiver = new WebhookReceiver(SECRET);
    }

    @AfterAll
    static void down() throws Exception {
        if (receiver != null) {
            receiver.close();
        }
        System.out.println(PLATFORM.whiteglove("down").output());
    }

    @Test
    @Order(1)
    void a_delegate_phones_in_for_a_vip_who_is_bumped_ranked_ahead_alerted_on_breach_and_reported_under_vip() throws Exception {
        // The list owner registers a VIP with an assistant who calls for her.
        expect(201, API.post("vip-registry", "/api/vips", "vip-admin", Map.of(
                "name", "Dana Exec " + RUN, "title", "CFO", "tier", "EXECUTIVE",
                "emails", List.of("dana." + RUN + "@corp.example"), "phones", List.of(VIP_PHONE),
                "delegates", List.of(Map.of("name", "Pat Assistant", "emails", List.of("pat." + RUN + "@corp.example"),
                        "phones", List.of(DELEGATE_PHONE))),
                "reason", "board member, e2e run " + RUN)));
        Await.until("the prioritizer to know the delegate", WAIT, () -> "EXECUTIVE".equals(
                API.post("prioritizer", "/api/priority/preview", "agent", Map.of("impact", "MODERATE", "urgency", "MEDIUM",
                        "requester", Map.of("phone", DELEGATE_PHONE))).json().path("vipTier").asText(null)));

        // Seconds instead of hours for P3, so warning, breach and escalation happen while we watch.
        expect(200, API.put("sla-monitor", "/api/policies/P3", "manager", Map.of(
                "responseTarget", "PT4S", "resolutionTarget", "PT10M", "calendar", "24x7", "warningPercents", List.of(50),
                "escalations", List.of(Map.of("level", 1, "afterBreach", "PT2S", "targetGroup", "assignee-group")))));
        String deskMail = "vip-desk-" + RUN + "@whiteglove.test";
        for (String kind : List.of("SLA_WARNING", "SLA_BREACH", "ESCALATION")) {
            expect(201, API.post("notifier", "/api/rules", "ops", Map.of("name", "e2e " + kind + " " + RUN, "kind", kind,
                    "vipTiers", List.of("*"), "emails", List.of(deskMail),
                    "webhooks", List.of(Map.of("url", receiver.url(), "format", "GENERIC", "secret", SECRET)), "enabled", true)));
        }

        // Three tickets at the same moment: the delegate's call for the VIP, a non-VIP of the same matrix
        // priority once bumped, and a non-VIP major incident.
        Instant now = Instant.now();
        CompletableFuture<JsonNode> vipCall = CompletableFuture.supplyAsync(() -> expect(201, API.post("ticket-intake",
                "/api/intake/phone", "intake", Map.of("callId", "acd-" + RUN + "-1", "callerNumber", DELEGATE_PHONE,
                        "dialedNumber", "+41445000000", "startedAt", now.minusSeconds(40).toString(),
                        "answeredAt", now.minusSeconds(25).toString(), "subject", "Laptop will not dock",
                        "agentNotes", "Calling for Dana", "impact", "MODERATE", "urgency", "MEDIUM"))).json());
        CompletableFuture<JsonNode> peerTicket = CompletableFuture.supplyAsync(() -> expect(201, API.post("ticket-intake",
                "/api/tickets", "intake", Map.of("requester", Map.of("name", "Sam Staff", "email", "sam." + RUN + "@corp.example"),
                        "subject", "Shared drive slow", "impact", "MODERATE", "urgency", "HIGH"))).json());
        CompletableFuture<JsonNode> incident = CompletableFuture.supplyAsync(() -> expect(201, API.post("ticket-intake",
                "/api/tickets", "intake", Map.of("requester", Map.of("name", "Noc Operator", "email", "noc." + RUN + "@corp.example"),
                        "subject", "Payments down for every branch", "impact", "EXTENSIVE", "urgency", "CRITICAL"))).json());
        String vipId = vipCall.get().path("id").asText();
        String vipNumber = vipCall.get().path("number").asText();
        String peerId = peerTicket.get().path("id").asText();
        String incidentId = incident.get().path("id").asText();

        JsonNode vipDecision = decision(vipId);
        JsonNode peerDecision = decision(peerId);
        JsonNode incidentDecision = decision(incidentId);
        assertEquals("P3", vipDecision.path("priority").asText(), "MODERATE × MEDIUM is P4, bumped one step for an EXECUTIVE");
        assertEquals("EXECUTIVE", vipDecision.path("vipTier").asText());
        assertEquals("DELEGATE", vipDecision.path("trace").path("vipMatch").asText(), vipDecision.toString());
        assertTrue(vipDecision.path("trace").path("sentence").asText().contains("via delegate"), vipDecision.toString());
        assertEquals("P3", peerDecision.path("priority").asText());
        assertTrue(peerDecision.path("vipTier").isNull());
        assertEquals("P1", incidentDecision.path("priority").asText(), "only impact × urgency gives P1; VIP treatment is capped");

        // The desk works a queue by priority, then rank (VIP first within a priority), then age.
        List<String> queueOrder = Stream.of(Map.entry(vipId, vipDecision), Map.entry(peerId, peerDecision),
                        Map.entry(incidentId, incidentDecision))
                .sorted(Comparator.comparing((Map.Entry<String, JsonNode> e) -> e.getValue().path("priority").asText())
                        .thenComparingInt(e -> e.getValue().path("rank").asInt()))
                .map(Map.Entry::getKey).toList();
        assertEquals(List.of(incidentId, vipId, peerId), queueOrder, "P1 incident, then the VIP, then the non-VIP of the same priority");

        // The short policy: warning, breach and one escalation on the VIP's response clock.
        JsonNode sla = Await.until("warning, breach and escalation on the VIP's response clock", WAIT, () -> {
            JsonNode clocks = expect(200, API.get("sla-monitor", "/api/tickets/" + vipId + "/sla", "agent")).json();
            JsonNode response = StreamSupport.stream(clocks.path("clocks").spliterator(), false)
                    .filter(c -> c.path("clock").asText().equals("RESPONSE")).findFirst().orElseThrow();
            Set<String> fired = StreamSupport.stream(response.path("fired").spliterator(), false).map(JsonNode::asText)
                    .collect(Collectors.toSet());
            return response.path("breached").asBoolean() && fired.contains("breach") && fired.contains("escalation-1")
                    && fired.contains("warning-50") ? response : null;
        });
        assertEquals("P3", sla.path("priority").asText());

        // A signed webhook per alert reaches the receiver; the email reaches the SMTP server.
        List<WebhookReceiver.Received> hooks = Await.until("webhooks for warning, breach and escalation", WAIT, () -> {
            List<WebhookReceiver.Received> forVip = receiver.accepted().stream().filter(r -> r.body().contains(vipId)).toList();
            Set<String> kinds = forVip.stream().map(r -> json(r.body()).path("kind").asText()).collect(Collectors.toSet());
            return kinds.containsAll(Set.of("SLA_WARNING", "SLA_BREACH", "ESCALATION")) ? forVip : null;
        });
        assertTrue(hooks.stream().allMatch(WebhookReceiver.Received::signatureValid), "every webhook carries a valid signature");
        assertEquals(hooks.size(), hooks.stream().map(WebhookReceiver.Received::deliveryId).distinct().count(), "no duplicate deliveries");
        JsonNode breachHook = hooks.stream().map(r -> json(r.body())).filter(b -> b.path("kind").asText().equals("SLA_BREACH"))
                .findFirst().orElseThrow();
        assertEquals(vipNumber, breachHook.path("ticketNumber").asText());
        assertEquals("EXECUTIVE", breachHook.path("vipTier").asText());
        String mail = Await.until("an email to " + deskMail + " about " + vipNumber, WAIT, () -> mails().stream()
                .filter(m -> m.contains(deskMail) && m.contains(vipNumber) && m.toLowerCase().contains("breach")).findFirst().orElse(null));
        assertTrue(mail.contains("EXECUTIVE"), mail);

        // Reporting counts the breach under VIP, beside the non-VIP tickets.
        JsonNode vipRow = Await.until("reporting to show the VIP breach", WAIT, () -> {
            JsonNode report = expect(200, API.get("reporting", "/api/reports/sla-compliance?groupBy=vip", "manager")).json();
            JsonNode row = StreamSupport.stream(report.path("rows").spliterator(), false)
                    .filter(r -> r.path("vip").asText().equals("VIP")).findFirst().orElse(null);
            return row != null && row.path("responseBreached").asInt() >= 1 && row.path("escalations").asInt() >= 1 ? row : null;
        });
        assertTrue(vipRow.path("breaches").asInt() >= 1, vipRow.toString());
        JsonNode deliveries = expect(200, API.get("notifier", "/api/deliveries?ticketId=" + vipId, "ops")).json();
        assertTrue(StreamSupport.stream(deliveries.spliterator(), false).anyMatch(d -> d.toString().contains("DELIVERED")), deliveries.toString());
    }

    @Test
    @Order(2)
    void an_email_reply_resumes_a_clock_pending_on_the_customer_and_duplicates_create_nothing() throws Exception {
        String first = mail("<e2e-" + RUN + "-1@example.org>", null, "Printer on floor 3 jams");
        JsonNode created = expect(201, API.send("POST", "ticket-intake", "/api/intake/email", "intake", "message/rfc822", first)).json();
        String id = created.path("ticket").path("id").asText();
        JsonNode again = expect(200, API.send("POST", "ticket-intake", "/api/intake/email", "intake", "message/rfc822", first)).json();
        assertEquals("DUPLICATE", again.path("outcome").asText());
        assertEquals(id, again.path("ticket").path("id").asText());

        Await.until("clocks for the email ticket", WAIT, () -> clockStates(id).size() == 2);
        // Work visibly starting is the first response: the response clock stops; resolution pauses while pending.
        expect(200, API.patch("ticket-intake", "/api/tickets/" + id, "agent", Map.of("assignee", "alice")));
        expect(200, API.patch("ticket-intake", "/api/tickets/" + id, "agent", Map.of("status", "IN_PROGRESS")));
        expect(200, API.patch("ticket-intake", "/api/tickets/" + id, "agent", Map.of("status", "PENDING_CUSTOMER")));
        Await.until("the resolution clock paused", WAIT, () -> clockStates(id).equals(List.of("STOPPED", "PAUSED")));

        String reply = mail("<e2e-" + RUN + "-2@example.org>", "<e2e-" + RUN + "-1@example.org>", "Re: Printer on floor 3 jams");
        JsonNode updated = expect(200, API.send("POST", "ticket-intake", "/api/intake/email", "intake", "message/rfc822", reply)).json();
        assertEquals("UPDATED", updated.path("outcome").asText());
        Await.until("the resolution clock running again", WAIT, () -> clockStates(id).equals(List.of("STOPPED", "RUNNING")));
        JsonNode resolution = expect(200, API.get("sla-monitor", "/api/tickets/" + id + "/sla", "agent")).json().path("clocks").get(1);
        assertTrue(resolution.path("pausedSince").isNull(), resolution.toString());

        // The same call id twice: one ticket, one decision.
        Map<String, Object> call = Map.of("callId", "acd-" + RUN + "-dup", "callerNumber", "+41446681800",
                "startedAt", Instant.now().minusSeconds(30).toString(), "impact", "MINOR", "urgency", "MEDIUM");
        String callTicket = expect(201, API.post("ticket-intake", "/api/intake/phone", "intake", call)).json().path("id").asText();
        Api.Answer repeat = expect(200, API.post("ticket-intake", "/api/intake/phone", "intake", call));
        assertEquals(callTicket, repeat.json().path("id").asText());
        assertEquals("true", repeat.header("Idempotent-Replayed"));
        decision(callTicket);
        decision(id);
        Thread.sleep(2000); // give a wrongly published duplicate the time to be decided
        assertEquals(1, expect(200, API.get("prioritizer", "/api/decisions/" + callTicket, "agent")).json().size());
        assertEquals(1, expect(200, API.get("prioritizer", "/api/decisions/" + id, "agent")).json().size());
    }

    @Test
    @Order(3)
    void a_manager_changes_the_matrix_and_new_tickets_say_they_used_the_new_version() {
        JsonNode before = expect(200, API.get("prioritizer", "/api/matrix", "manager")).json();
        ObjectNode cells = before.path("cells").deepCopy();
        ((ObjectNode) cells.path("MINOR")).put("LOW", "P4");
        JsonNode changed = expect(200, API.put("prioritizer", "/api/matrix", "manager", Map.of("cells", cells))).json();
        int version = changed.path("version").asInt();
        assertEquals(before.path("version").asInt() + 1, version);
        try {
            String id = expect(201, API.post("ticket-intake", "/api/tickets", "intake", Map.of(
                    "requester", Map.of("name", "Lee", "email", "lee." + RUN + "@corp.example"),
                    "subject", "Wallpaper request", "impact", "MINOR", "urgency", "LOW"))).json().path("id").asText();
            JsonNode decided = decision(id);
            assertEquals("P4", decided.path("priority").asText());
            assertEquals(version, decided.path("matrixVersion").asInt());
            assertTrue(decided.path("trace").path("sentence").asText().contains("→ P4"), decided.toString());
        } finally {
            expect(200, API.put("prioritizer", "/api/matrix", "manager", Map.of("cells", before.path("cells"))));
        }
    }

    @Test
    @Order(4)
    void a_short_demo_day_files_every_ticket_and_every_report_shows_it() throws Exception {
        Platform.Run demo = PLATFORM.whiteglove("demo", "150", "20");
        System.out.println(demo.output());
        assertEquals(0, demo.exit(), demo.output());
        Map<String, Long> gained = demo.output().lines().filter(l -> l.matches("\\| [a-zA-Z ]+ \\| [0-9,]+ \\|"))
                .collect(Collectors.toMap(l -> l.split("\\|")[1].strip(), l -> Long.parseLong(l.split("\\|")[2].strip().replace(",", ""))));
        // The demo itself fails unless reporting counts every ticket it filed; here: each kind of data it promises shows.
        assertTrue(gained.get("tickets opened") >= 150, gained.toString());
        for (String figure : List.of("VIP tickets", "opened after hours", "answered calls", "resolved", "closed", "reopened",
                "response targets breached", "breach alerts", "escalations", "notifications delivered")) {
            assertTrue(gained.getOrDefault(figure, 0L) > 0, figure + ": " + gained);
        }
    }

    @Test
    @Order(5)
    void the_quick_benchmark_runs_every_part_and_writes_its_table_and_json() throws Exception {
        Platform.Run bench = PLATFORM.whiteglove("bench", "--quick");
        System.out.println(bench.output());
        assertEquals(0, bench.exit(), bench.output());
        assertTrue(bench.output().contains("| section | measure | value | goal |"), "a markdown table");
        JsonNode json = Api.json().readTree(PLATFORM.home().resolve("bench/latest.json").toFile());
        assertEquals("quick", json.path("mode").asText());
        Map<String, List<JsonNode>> bySection = StreamSupport.stream(json.path("figures").spliterator(), false)
                .collect(Collectors.groupingBy(f -> f.path("section").asText().replaceAll(" @.*", "")));
        assertEquals(Set.of("baseline", "intake", "latency", "timers", "restart", "reporting", "alerts"), bySection.keySet());
        assertTrue(bySection.get("baseline").stream().allMatch(f -> f.path("value").asDouble() > 0), bySection.get("baseline").toString());
        // Capacity figures of a few seconds mean little; losing or duplicating a timer is wrong at any size.
        for (String section : List.of("timers", "restart")) {
            JsonNode lost = bySection.get(section).stream().filter(f -> f.path("measure").asText().equals("timers lost")).findFirst().orElseThrow();
            assertEquals(0, lost.path("value").asInt(), section + ": " + lost);
        }
        JsonNode duplicates = bySection.get("restart").stream()
                .filter(f -> f.path("measure").asText().startsWith("duplicate alerts")).findFirst().orElseThrow();
        assertEquals(0, duplicates.path("value").asInt(), duplicates.toString());
        assertEquals(10, bySection.get("reporting").stream().filter(f -> f.path("measure").asText().endsWith(" p99")).count());
        // The P1 mail behind the queue went out (NaN when the delivery log has no sent P1 mail).
        JsonNode critical = bySection.get("alerts").get(0);
        assertTrue(critical.path("value").isNumber() && critical.path("value").asDouble() >= 0, critical.toString());
        // The burst's P1 clocks fired and were mailed without waiting for the 30 s the burst's ticketless mails wait.
        JsonNode criticalMails = bySection.get("timers").stream()
                .filter(f -> f.path("measure").asText().startsWith("their warning mails")).findFirst().orElseThrow();
        assertTrue(criticalMails.path("value").isNumber() && criticalMails.path("value").asDouble() < 30, criticalMails.toString());
    }

    @Test
    @Order(6)
    void the_short_fault_suite_keeps_every_invariant() throws Exception {
        Platform.Run faults = PLATFORM.whiteglove("faults", "--quick");
        System.out.println(faults.output());
        assertEquals(0, faults.exit(), faults.output());
        assertTrue(faults.output().contains("Every invariant held."), faults.output());
        for (String fault : List.of("kill -9 of each service", "Kafka broker killed", "PostgreSQL frozen", "undeserializable record",
                "webhook receiver failing", "bad input")) {
            assertTrue(faults.output().lines().anyMatch(l -> l.startsWith("| " + fault) || l.startsWith("| an " + fault)), fault);
        }
    }

    private static JsonNode decision(String ticketId) {
        return Await.until("a decision for " + ticketId, WAIT, () -> {
            JsonNode list = expect(200, API.get("prioritizer", "/api/decisions/" + ticketId, "agent")).json();
            return list.size() > 0 ? list.get(list.size() - 1) : null;
        });
    }

    private static List<String> clockStates(String ticketId) {
        JsonNode sla = expect(200, API.get("sla-monitor", "/api/tickets/" + ticketId + "/sla", "agent")).json();
        List<String> states = new ArrayList<>();
        sla.path("clocks").forEach(c -> states.add(c.path("state").asText()));
        return states;
    }

    private static String mail(String messageId, String inReplyTo, String subject) {
        return "From: Carol Customer <carol." + RUN + "@example.org>\r\n"
                + "To: servicedesk@whiteglove.test\r\n"
                + "Subject: " + subject + "\r\n"
                + "Message-ID: " + messageId + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
                + "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n"
                + "MIME-Version: 1.0\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + (inReplyTo == null ? "It jams on every page.\r\n" : "Here is the photo you asked for; it still jams.\r\n");
    }

    private static List<String> mails() throws IOException {
        Path folder = PLATFORM.mailFolder();
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> texts = new ArrayList<>();
            for (Path f : files.toList()) {
                texts.add(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            return texts;
        }
    }

    private static JsonNode json(String text) {
        try {
            return Api.json().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
