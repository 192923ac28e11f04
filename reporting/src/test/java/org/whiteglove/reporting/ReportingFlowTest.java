package org.whiteglove.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.whiteglove.events.Channel;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.Topics;
import org.whiteglove.events.VipMatch;
import org.whiteglove.events.VipRemoved;
import org.whiteglove.events.VipUpserted;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestEvents;
import org.whiteglove.infra.testing.TestTokens;
import org.whiteglove.infra.testing.TopicRecords;
import org.whiteglove.reporting.persistence.FactStore;
import org.whiteglove.runtime.inbox.RecordBatches;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.whiteglove.reporting.ReportEvents.breached;
import static org.whiteglove.reporting.ReportEvents.delivered;
import static org.whiteglove.reporting.ReportEvents.escalated;
import static org.whiteglove.reporting.ReportEvents.met;
import static org.whiteglove.reporting.ReportEvents.newTicketId;
import static org.whiteglove.reporting.ReportEvents.opened;
import static org.whiteglove.reporting.ReportEvents.prioritized;
import static org.whiteglove.reporting.ReportEvents.publish;
import static org.whiteglove.reporting.ReportEvents.status;
import static org.whiteglove.reporting.ReportEvents.warned;

/**
 * Each report on a known set of five tickets over two days (3 and 4 March 2025; desk hours 09–17 UTC, Mon–Fri),
 * published on the real broker and read through the API; the expected numbers are worked out by hand below.
 *
 * <pre>
 * A  VIP EXECUTIVE  PHONE 20 s  Mon 10:00  P2 vip-desk      responded +300 s (met, 300 business)  resolved +3600 s (met, 3600)
 * B  non-VIP        EMAIL       Mon 11:00  P2 service-desk  warning, breach, escalation, responded late +2400 s; in progress
 * C  non-VIP claim  PHONE 40 s  Mon 20:00  P3 service-desk  (after hours; VIP claim rejected) responded +600 s (met, 0)  resolved +7200 s (met, 0)
 * D  VIP EXECUTIVE  WEB         Tue 09:30  P3→P2 vip-desk   responded +120 s (met, 120); resolution warned (at risk); 2 notifications
 * E  non-VIP        API         Tue 12:00  P4 service-desk  nothing else: open
 * VIPs: vip-1 EXECUTIVE since 1 Jan, vip-3 BOARD since 1 Feb, vip-2 listed Mon 12:00 and removed Tue 08:00.
 * </pre>
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportingFlowTest {

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String RANGE = "from=2025-03-03&to=2025-03-04";
    static final Instant MONDAY = Instant.parse("2025-03-03T00:00:00Z");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    FactStore facts;

    final String a = newTicketId();
    final String b = newTicketId();
    final String c = newTicketId();
    final String d = newTicketId();
    final String e = newTicketId();

    @BeforeAll
    void publishTheKnownSet() {
        Instant aAt = MONDAY.plusSeconds(10 * 3600);
        publish(opened(a, Channel.PHONE, aAt, true, Duration.ofSeconds(20)));
        publish(prioritized(a, Priority.P2, null, "vip-desk", "EXECUTIVE", VipMatch.VIP, aAt.plusMillis(50)));
        CloudEventHeaders aResponse = publish(met(a, SlaClockKind.RESPONSE, true, 300, aAt.plusSeconds(300)));
        publish(status(a, TicketStatus.OPEN, TicketStatus.RESOLVED, aAt.plusSeconds(3600)));
        publish(met(a, SlaClockKind.RESOLUTION, true, 3600, aAt.plusSeconds(3600)));

        Instant bAt = MONDAY.plusSeconds(11 * 3600);
        // Status and SLA events before the opening: the topics are read out of step.
        publish(status(b, TicketStatus.OPEN, TicketStatus.IN_PROGRESS, bAt.plusSeconds(60)));
        publish(warned(b, SlaClockKind.RESPONSE, bAt.plusSeconds(1350)));
        publish(breached(b, SlaClockKind.RESPONSE, bAt.plusSeconds(1800)));
        CloudEventHeaders bEscalation = publish(escalated(b, bAt.plusSeconds(1800)));
        publish(met(b, SlaClockKind.RESPONSE, false, 2400, bAt.plusSeconds(2400)));
        publish(opened(b, Channel.EMAIL, bAt, false, null));
        publish(prioritized(b, Priority.P2, null, "service-desk", null, VipMatch.NONE, bAt.plusMillis(50)));

        Instant cAt = MONDAY.plusSeconds(20 * 3600);
        publish(opened(c, Channel.PHONE, cAt, true, Duration.ofSeconds(40)));
        publish(prioritized(c, Priority.P3, null, "service-desk", null, VipMatch.CLAIM_REJECTED, cAt.plusMillis(50)));
        publish(met(c, SlaClockKind.RESPONSE, true, 0, cAt.plusSeconds(600)));
        publish(status(c, TicketStatus.OPEN, TicketStatus.RESOLVED, cAt.plusSeconds(7200)));
        publish(met(c, SlaClockKind.RESOLUTION, true, 0, cAt.plusSeconds(7200)));

        Instant dAt = MONDAY.plusSeconds(24 * 3600 + 9 * 3600 + 1800);
        publish(opened(d, Channel.WEB, dAt, false, null));
        publish(prioritized(d, Priority.P3, null, "vip-desk", "EXECUTIVE", VipMatch.VIP, dAt.plusMillis(50)));
        publish(prioritized(d, Priority.P2, Priority.P3, "vip-desk", "EXECUTIVE", VipMatch.VIP, dAt.plusSeconds(60)));
        publish(status(d, TicketStatus.OPEN, TicketStatus.RESPONDED, dAt.plusSeconds(120)));
        publish(met(d, SlaClockKind.RESPONSE, true, 120, dAt.plusSeconds(120)));
        publish(warned(d, SlaClockKind.RESOLUTION, dAt.plusSeconds(3000)));
        publish(delivered(d, dAt.plusSeconds(1)));
        publish(delivered(d, dAt.plusSeconds(2)));

        Instant eAt = MONDAY.plusSeconds(24 * 3600 + 12 * 3600);
        publish(opened(e, Channel.API, eAt, false, null));
        publish(prioritized(e, Priority.P4, null, "service-desk", null, VipMatch.NONE, eAt.plusMillis(50)));

        publish(new VipUpserted("vip-1", "EXECUTIVE", Instant.parse("2025-01-01T00:00:00Z"), null, List.of(), List.of(), Instant.parse("2025-01-01T00:00:00Z")));
        publish(new VipUpserted("vip-3", "BOARD", Instant.parse("2025-02-01T00:00:00Z"), null, List.of(), List.of(), Instant.parse("2025-02-01T00:00:00Z")));
        publish(new VipUpserted("vip-2", "EXECUTIVE", MONDAY, null, List.of(), List.of(), MONDAY.plusSeconds(12 * 3600)));
        publish(new VipRemoved("vip-2", VipRemoved.Reason.REMOVED, MONDAY.plusSeconds(32 * 3600)));

        // Redelivery: the same events again, same ids. They must change nothing.
        TestEvents.publish(ReportEvents.bootstrap(), met(a, SlaClockKind.RESPONSE, true, 300, aAt.plusSeconds(300)), aResponse);
        TestEvents.publish(ReportEvents.bootstrap(), escalated(b, bAt.plusSeconds(1800)), bEscalation);
        TestEvents.publish(ReportEvents.bootstrap(), escalated(b, bAt.plusSeconds(1800)), bEscalation);
        // A marker behind the duplicates on each of their partitions: once it is stored, they have been read.
        publish(warned(a, SlaClockKind.RESOLUTION, aAt.plusSeconds(3500)));
        publish(warned(b, SlaClockKind.RESOLUTION, bAt.plusSeconds(3500)));
        await().atMost(WAIT).until(() -> factInt(a, "warnings") == 1 && factInt(b, "warnings") == 2
                && factInt(e, "priority IS NOT NULL") == 1 && factInt(d, "notifications_delivered") == 2);
    }

    @BeforeEach
    void rollupsCaughtUp() {
        await().atMost(WAIT).until(() -> given().header("Authorization", TestTokens.bearer("manager"))
                .get("/api/history/freshness").jsonPath().getLong("pendingHours") == 0);
    }

    @Test
    void redeliveredEventsAreCountedOnce() {
        assertEquals(1, factInt(b, "escalations"));
        assertEquals(1, factInt(a, "(response_business_ms = 300000)::int"));
        JsonPath report = report("sla-compliance", RANGE + "&groupBy=vip");
        assertEquals(1, report.getInt("rows.find { it.vip == 'non-VIP' }.escalations"));
    }

    @Test
    void slaComplianceVipBesideNonVip() {
        JsonPath report = report("sla-compliance", RANGE + "&groupBy=vip");
        assertEquals(List.of("vip", "opened", "responseMet", "responseBreached", "responseCompliancePercent", "resolutionMet",
                "resolutionBreached", "resolutionCompliancePercent", "breaches", "escalations", "notificationsDelivered",
                "notificationsFailed"), report.getList("columns"));
        assertEquals(Map.ofEntries(Map.entry("vip", "VIP"), Map.entry("opened", 2), Map.entry("responseMet", 2),
                Map.entry("responseBreached", 0), Map.entry("responseCompliancePercent", 100.0f), Map.entry("resolutionMet", 1),
                Map.entry("resolutionBreached", 0), Map.entry("resolutionCompliancePercent", 100.0f), Map.entry("breaches", 0),
                Map.entry("escalations", 0), Map.entry("notificationsDelivered", 2), Map.entry("notificationsFailed", 0)),
                report.getMap("rows[0]"));
        assertEquals(Map.ofEntries(Map.entry("vip", "non-VIP"), Map.entry("opened", 3), Map.entry("responseMet", 1),
                Map.entry("responseBreached", 1), Map.entry("responseCompliancePercent", 50.0f), Map.entry("resolutionMet", 1),
                Map.entry("resolutionBreached", 0), Map.entry("resolutionCompliancePercent", 100.0f), Map.entry("breaches", 1),
                Map.entry("escalations", 1), Map.entry("notificationsDelivered", 0), Map.entry("notificationsFailed", 0)),
                report.getMap("rows[1]"));
    }

    @Test
    void volumeByChannel() {
        JsonPath report = report("volume", RANGE + "&groupBy=channel");
        assertEquals(List.of("API", "EMAIL", "PHONE", "WEB"), report.getList("rows.channel"));
        assertEquals(List.of(1, 1, 2, 1), report.getList("rows.opened"));
        assertEquals(List.of(0, 0, 1, 1), report.getList("rows.vipOpened"));
        assertEquals(List.of(0, 0, 1, 0), report.getList("rows.afterHours"));
        assertEquals(List.of(0, 0, 2, 0), report.getList("rows.resolved"));
        assertEquals(List.of(0, 0, 0, 1), report.getList("rows.reprioritized"));
        assertEquals(List.of(0, 0, 1, 0), report.getList("rows.claimsRejected"));
        assertEquals(30.0f, report.getFloat("rows[2].averageSpeedOfAnswerSeconds"), "(20 s + 40 s) / 2");
        assertEquals(List.of("P2", "P3", "P4"), report("volume", RANGE + "&groupBy=priority").getList("rows.priority"),
                "D moved from P3 to P2: counted once, under its current priority");
    }

    @Test
    void responseTimePercentilesInBusinessAndCalendarTime() {
        JsonPath report = report("response-times", RANGE);
        // Calendar: 120, 300, 600, 2400 s → p50 (2nd of 4) 300, p90 and p99 (4th) 2400. Business: 0, 120, 300, 2400.
        assertEquals(4, report.getInt("rows[0].responses"));
        assertEquals(List.of(300, 2400, 2400), List.of(report.getInt("rows[0].responseCalendarP50Seconds"),
                report.getInt("rows[0].responseCalendarP90Seconds"), report.getInt("rows[0].responseCalendarP99Seconds")));
        assertEquals(List.of(120, 2400, 2400), List.of(report.getInt("rows[0].responseBusinessP50Seconds"),
                report.getInt("rows[0].responseBusinessP90Seconds"), report.getInt("rows[0].responseBusinessP99Seconds")));
        // Resolutions: A 3600 s (business 3600), C 7200 s (business 0: after hours).
        assertEquals(2, report.getInt("rows[0].resolutions"));
        assertEquals(List.of(3600, 7200), List.of(report.getInt("rows[0].resolutionCalendarP50Seconds"),
                report.getInt("rows[0].resolutionCalendarP90Seconds")));
        assertEquals(List.of(0, 3600), List.of(report.getInt("rows[0].resolutionBusinessP50Seconds"),
                report.getInt("rows[0].resolutionBusinessP90Seconds")));
        JsonPath byDayHour = report("response-times", "from=2025-03-04T09:00:00Z&to=2025-03-04T10:00:00Z&groupBy=hour");
        assertEquals("2025-03-04T09:00", byDayHour.getString("rows[0].hour"));
        assertEquals(120, byDayHour.getInt("rows[0].responseCalendarP50Seconds"), "D alone, from the hour rollups");
    }

    @Test
    void backlogByAgeWithAtRiskAndBreached() {
        JsonPath report = report("backlog", RANGE);
        assertEquals(List.of(Map.of("age", "30d+", "open", 3, "atRisk", 1, "breached", 1)), report.getList("rows"),
                "B (breached), D (resolution warned) and E are open; A and C resolved");
        JsonPath byVip = report("backlog", RANGE + "&groupBy=vip");
        assertEquals(List.of("VIP", "non-VIP"), byVip.getList("rows.vip"));
        assertEquals(List.of(1, 2), byVip.getList("rows.open"));
    }

    @Test
    void vipImpactPerDayWithPopulationAndRejectedClaims() {
        JsonPath report = report("vip-impact", RANGE);
        assertEquals(List.of("day"), report.getList("groupBy"));
        Map<String, Object> monday = report.getMap("rows[0]");
        assertEquals("2025-03-03", monday.get("day"));
        assertEquals(1, monday.get("vipOpened"));
        assertEquals(2, monday.get("nonVipOpened"));
        assertEquals(33.3f, monday.get("vipSharePercent"));
        assertEquals(100.0f, monday.get("vipResponseCompliancePercent"));
        assertEquals(50.0f, monday.get("nonVipResponseCompliancePercent"));
        assertEquals(300, monday.get("vipResponseP90Seconds"));
        assertEquals(2400, monday.get("nonVipResponseP90Seconds"));
        assertEquals(3600, monday.get("vipResolutionP90Seconds"));
        assertEquals(7200, monday.get("nonVipResolutionP90Seconds"));
        assertEquals(0, monday.get("vipBreaches"));
        assertEquals(1, monday.get("nonVipBreaches"));
        assertEquals(1, monday.get("claimsRejected"));
        assertEquals(20.0f, monday.get("vipAverageSpeedOfAnswerSeconds"));
        assertEquals(40.0f, monday.get("nonVipAverageSpeedOfAnswerSeconds"));
        assertEquals(3, monday.get("vipPopulation"), "vip-1, vip-2 and vip-3 at midnight");
        Map<String, Object> tuesday = report.getMap("rows[1]");
        assertEquals(50.0f, tuesday.get("vipSharePercent"));
        assertEquals(null, tuesday.get("nonVipResponseCompliancePercent"), "E's clock still runs: nothing measured");
        assertEquals(2, tuesday.get("vipPopulation"), "vip-2 removed on Tuesday");
    }

    @Test
    void afterHoursBesideInHours() {
        JsonPath report = report("after-hours", RANGE);
        assertEquals(Map.of("opened", 5, "afterHours", 1, "afterHoursPercent", 20.0f,
                "afterHoursResponseCompliancePercent", 100.0f, "inHoursResponseCompliancePercent", 66.7f,
                "afterHoursResolutionCompliancePercent", 100.0f, "inHoursResolutionCompliancePercent", 100.0f),
                report.getMap("rows[0]"));
    }

    @Test
    void csvOnAskingForIt() {
        String csv = given().header("Authorization", TestTokens.bearer("manager")).accept("text/csv")
                .get("/api/reports/volume?" + RANGE + "&groupBy=channel")
                .then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Content-Disposition", org.hamcrest.Matchers.containsString("volume.csv"))
                .extract().asString();
        List<String> lines = Arrays.asList(csv.split("\r?\n"));
        assertEquals("channel,opened,vipOpened,afterHours,resolved,closed,reopened,reprioritized,claimsRejected,answeredCalls,averageSpeedOfAnswerSeconds",
                lines.get(0));
        assertEquals("API,1,0,0,0,0,0,0,0,0,", lines.get(1));
        assertEquals("PHONE,2,1,1,2,0,0,0,1,2,30.0", lines.get(3));
        assertEquals(5, lines.size());
    }

    @Test
    void badParametersAreNamed() {
        for (String[] bad : new String[][] {
                {"sla-compliance", "groupBy=colour", "groupBy"},
                {"volume", "from=yesterday", "from"},
                {"response-times", "to=2025-02-30", "to"},
                {"after-hours", "from=2025-03-04&to=2025-03-01", "from"},
                {"backlog", "groupBy=day", "groupBy"},
                {"vip-impact", "groupBy=vip", "groupBy"},
                {"volume", "from=2024-01-01&to=2025-01-01&groupBy=hour", "groupBy"}}) {
            given().header("Authorization", TestTokens.bearer("manager")).accept("text/csv")
                    .get("/api/reports/" + bad[0] + "?" + bad[1])
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors.field", hasItem(bad[2]));
        }
    }

    @Test
    void garbageOnEveryTopicGoesToTheDeadLettersAndThePartitionFlows() {
        String ticket = newTicketId();
        String person = "vip-" + ticket;
        Instant at = Instant.parse("2020-01-06T10:00:00Z");
        Map<String, String> keys = Map.of(Topics.TICKET_EVENTS, ticket, Topics.TICKET_PRIORITIES, ticket, Topics.SLA_EVENTS, ticket,
                Topics.NOTIFICATION_EVENTS, ticket, Topics.VIP_REGISTRY, person);
        keys.forEach((topic, key) -> TestEvents.send(ReportEvents.bootstrap(), topic, key,
                "{not json".getBytes(StandardCharsets.UTF_8), Map.of()));
        // Behind the garbage, on the same partitions: one good event per topic.
        publish(opened(ticket, Channel.WEB, at, false, null));
        publish(prioritized(ticket, Priority.P3, null, "service-desk", null, VipMatch.NONE, at.plusSeconds(1)));
        publish(breached(ticket, SlaClockKind.RESPONSE, at.plusSeconds(3600)));
        publish(delivered(ticket, at.plusSeconds(3601)));
        publish(new VipUpserted(person, "GOLD", at, null, List.of(), List.of(), at));

        await().atMost(WAIT).until(() -> factInt(ticket, "(opened_at IS NOT NULL AND priority = 'P3' AND breaches = 1"
                + " AND notifications_delivered = 1)") == 1 && vipListed(person));
        keys.forEach((topic, key) -> assertEquals(1, TopicRecords.await(ReportEvents.bootstrap(), Topics.deadLetter(topic, "reporting"),
                r -> key.equals(r.key()), 1, WAIT).size(), topic));
    }

    @Test
    void onlyManagersReadReports() {
        for (String report : List.of("sla-compliance", "volume", "response-times", "backlog", "vip-impact", "after-hours")) {
            given().get("/api/reports/" + report).then().statusCode(401);
            given().header("Authorization", TestTokens.bearer("agent")).get("/api/reports/" + report).then().statusCode(403);
            given().header("Authorization", TestTokens.bearer("manager")).get("/api/reports/" + report).then().statusCode(200)
                    .body("report", equalTo(report));
        }
        given().header("Authorization", TestTokens.bearer("ops")).contentType("text/csv").body("x")
                .post("/api/history").then().statusCode(403);
    }

    /**
     * A consumed batch sends runs of one statement as one JDBC batch, which the driver rewrites into one multi-row
     * upsert: two events of one ticket in such a run must still both count (one upsert cannot change a row twice).
     */
    @Test
    void oneBatchWithSeveralEventsOfOneTicketAppliesEach() {
        String t = newTicketId();
        Instant at = Instant.parse("2024-06-03T13:00:00Z"); // outside the known set's days
        facts.apply(List.of(received(opened(t, Channel.EMAIL, at, false, null)),
                received(warned(t, SlaClockKind.RESOLUTION, at.plusSeconds(60))),
                received(warned(t, SlaClockKind.RESOLUTION, at.plusSeconds(120))),
                received(status(t, TicketStatus.OPEN, TicketStatus.RESPONDED, at.plusSeconds(180))),
                received(status(t, TicketStatus.RESPONDED, TicketStatus.RESOLVED, at.plusSeconds(240))),
                received(status(t, TicketStatus.RESOLVED, TicketStatus.REOPENED, at.plusSeconds(300)))));
        assertEquals(2, factInt(t, "warnings"));
        assertEquals(1, factInt(t, "status = 'REOPENED' AND reopened = 1 AND first_response_at IS NOT NULL AND resolved_at IS NOT NULL"));
    }

    private static RecordBatches.Received received(WhitegloveEvent event) {
        return new RecordBatches.Received(CloudEventHeaders.forEvent(event, "/test", Instant.now()), event);
    }

    static JsonPath report(String name, String query) {
        return given().header("Authorization", TestTokens.bearer("manager"))
                .get("/api/reports/" + name + "?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    boolean vipListed(String personId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT 1 FROM vip_member WHERE person_id = ?")) {
            select.setString(1, personId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        } catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    int factInt(String ticketId, String expression) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement("SELECT (" + expression + ")::int FROM ticket_fact WHERE ticket_id = ?")) {
            select.setString(1, ticketId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getInt(1) : -1;
            }
        } catch (java.sql.SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
