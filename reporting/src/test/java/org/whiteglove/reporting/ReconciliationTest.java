package org.whiteglove.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.Channel;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.VipMatch;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestEvents;
import org.whiteglove.infra.testing.TestEvents.Outgoing;
import org.whiteglove.infra.testing.TestTokens;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.whiteglove.reporting.ReportEvents.breached;
import static org.whiteglove.reporting.ReportEvents.delivered;
import static org.whiteglove.reporting.ReportEvents.escalated;
import static org.whiteglove.reporting.ReportEvents.met;
import static org.whiteglove.reporting.ReportEvents.newTicketId;
import static org.whiteglove.reporting.ReportEvents.opened;
import static org.whiteglove.reporting.ReportEvents.prioritized;
import static org.whiteglove.reporting.ReportEvents.status;

/**
 * Reconciliation: 500 random tickets (a week of June 2024) whose events go out shuffled across topics, a
 * fifth of them twice with the same ids. Once the topics are drained, every total the reports show equals
 * what was sent — counted here from the sources, not from the store — and the hour rollups built from the
 * consumers' cell changes equal those rolled up again from all the facts.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class ReconciliationTest {

    static final int TICKETS = 500;
    static final Instant WEEK = Instant.parse("2024-06-03T00:00:00Z");
    static final String RANGE = "from=2024-06-03&to=2024-06-09";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void reportTotalsEqualTheSources() throws Exception {
        Random random = new Random(20240603);
        List<Outgoing> events = new ArrayList<>();
        long vip = 0, afterHours = 0, resolved = 0, reopened = 0, claimsRejected = 0, breaches = 0, escalations = 0,
                notifications = 0, responseMet = 0, responseMissed = 0, open = 0;
        Map<Channel, Long> byChannel = new EnumMap<>(Channel.class);
        for (int i = 0; i < TICKETS; i++) {
            String id = newTicketId();
            Instant at = WEEK.plusSeconds(random.nextInt(6 * 24 * 3600));
            Channel channel = Channel.values()[random.nextInt(Channel.values().length)];
            byChannel.merge(channel, 1L, Long::sum);
            ZonedDateTime local = at.atZone(ZoneOffset.UTC);
            if (local.getDayOfWeek() == DayOfWeek.SATURDAY || local.getHour() < 9 || local.getHour() >= 17) {
                afterHours++;
            }
            boolean isVip = random.nextInt(5) == 0;
            boolean claimRejected = !isVip && random.nextInt(20) == 0;
            vip += isVip ? 1 : 0;
            claimsRejected += claimRejected ? 1 : 0;
            Priority priority = Priority.values()[random.nextInt(5)];
            List<Outgoing> ticket = new ArrayList<>();
            ticket.add(Outgoing.of(opened(id, channel, at, claimRejected, channel == Channel.PHONE ? Duration.ofSeconds(random.nextInt(90)) : null)));
            ticket.add(Outgoing.of(prioritized(id, priority, null, isVip ? "vip-desk" : "service-desk", isVip ? "GOLD" : null,
                    isVip ? VipMatch.VIP : claimRejected ? VipMatch.CLAIM_REJECTED : VipMatch.NONE, at.plusMillis(20))));
            int fate = random.nextInt(10);
            if (fate < 6) {
                ticket.add(Outgoing.of(met(id, SlaClockKind.RESPONSE, true, 600, at.plusSeconds(600))));
                responseMet++;
            } else if (fate < 8) {
                ticket.add(Outgoing.of(breached(id, SlaClockKind.RESPONSE, at.plusSeconds(900))));
                breaches++;
                responseMissed++;
                if (random.nextBoolean()) {
                    ticket.add(Outgoing.of(escalated(id, at.plusSeconds(900))));
                    escalations++;
                }
            }
            boolean isResolved = fate < 7 && random.nextInt(3) > 0;
            if (isResolved) {
                ticket.add(Outgoing.of(status(id, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, at.plusSeconds(5000))));
                resolved++;
                if (random.nextInt(10) == 0) {
                    ticket.add(Outgoing.of(status(id, TicketStatus.RESOLVED, TicketStatus.REOPENED, at.plusSeconds(9000))));
                    reopened++;
                    open++;
                }
            } else {
                open++;
            }
            int sent = random.nextInt(3);
            for (int n = 0; n < sent; n++) {
                ticket.add(Outgoing.of(delivered(id, at.plusSeconds(n + 1))));
            }
            notifications += sent;
            events.addAll(ticket);
        }
        // Redeliveries: a fifth of the events again, same ids, anywhere in the stream.
        List<Outgoing> redelivered = new ArrayList<>();
        for (Outgoing event : events) {
            if (random.nextInt(5) == 0) {
                redelivered.add(event);
            }
        }
        Collections.shuffle(redelivered, random);
        TestEvents.publishAll(ReportEvents.bootstrap(), events);
        TestEvents.publishAll(ReportEvents.bootstrap(), redelivered);

        final long expectedVip = vip, expectedAfterHours = afterHours, expectedResolved = resolved, expectedReopened = reopened,
                expectedClaims = claimsRejected, expectedBreaches = breaches, expectedEscalations = escalations,
                expectedNotifications = notifications, expectedMet = responseMet, expectedMissed = responseMissed, expectedOpen = open;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertEquals(TICKETS, factAggregate("count(*)"), "facts");
            assertEquals(expectedNotifications, factAggregate("sum(notifications_delivered)"), "notifications in the facts");
            JsonPath freshness = given().header("Authorization", TestTokens.bearer("manager")).get("/api/history/freshness").jsonPath();
            assertEquals(0, freshness.getLong("pendingHours"));
            assertNull(freshness.get("oldestPendingHour"));
            JsonPath volume = report("volume", RANGE);
            assertEquals(TICKETS, volume.getLong("rows[0].opened"));
            assertEquals(expectedVip, volume.getLong("rows[0].vipOpened"));
            assertEquals(expectedAfterHours, volume.getLong("rows[0].afterHours"));
            assertEquals(expectedResolved, volume.getLong("rows[0].resolved"));
            assertEquals(expectedReopened, volume.getLong("rows[0].reopened"));
            assertEquals(expectedClaims, volume.getLong("rows[0].claimsRejected"));
            JsonPath compliance = report("sla-compliance", RANGE);
            assertEquals(expectedMet, compliance.getLong("rows[0].responseMet"));
            assertEquals(expectedMissed, compliance.getLong("rows[0].responseBreached"));
            assertEquals(expectedBreaches, compliance.getLong("rows[0].breaches"));
            assertEquals(expectedEscalations, compliance.getLong("rows[0].escalations"));
            assertEquals(expectedNotifications, compliance.getLong("rows[0].notificationsDelivered"));
            assertEquals(expectedOpen, report("backlog", RANGE).getList("rows.open", Long.class).stream().mapToLong(Long::longValue).sum());
        });
        // The hour rows the consumers' cell changes built are exactly those rolled up again from all the facts.
        List<String> fromChanges = rows("SELECT r::text FROM rollup_hour r ORDER BY 1");
        execute("INSERT INTO rollup_dirty (hour) SELECT DISTINCT date_trunc('hour', opened_at) FROM ticket_fact WHERE opened_at IS NOT NULL");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertEquals(0, given().header("Authorization", TestTokens.bearer("manager")).get("/api/history/freshness")
                        .jsonPath().getLong("pendingHours")));
        assertEquals(rows("SELECT r::text FROM rollup_hour r ORDER BY 1"), fromChanges);
        assertEquals(0, rows("SELECT 1 FROM rollup_hour WHERE opened < 0 OR open_now < 0").size(), "no cell below zero");
        // The same totals however they are cut: by day (day rollups), by hour (hour rollups), by channel.
        assertEquals(TICKETS, sum(report("volume", RANGE + "&groupBy=day"), "opened"));
        assertEquals(TICKETS, sum(report("volume", "from=2024-06-03T00:00:00Z&to=2024-06-09T00:00:00Z&groupBy=hour,vip"), "opened"));
        assertEquals(TICKETS, sum(report("volume", "from=2024-05-01&to=2024-07-31&groupBy=month"), "opened"), "month rollups");
        assertEquals(expectedBreaches, sum(report("sla-compliance", "from=2024-05-01&to=2024-07-31"), "breaches"), "month rollups");
        assertEquals(TICKETS, sum(report("volume", "from=2024-05-29&to=2024-06-20&groupBy=week"), "opened"), "week rollups");
        assertEquals(TICKETS, sum(report("volume", "from=2024-05-01&to=2024-07-31&groupBy=month,channel"), "opened"), "month rollups, all dimensions");
        // Cut by period and tier only, whole days read the tier tables; the same range as instants reads the hour
        // rollups (every dimension). Percentiles and counts must come out the same.
        String hours = "from=2024-06-03T00:00:00Z&to=2024-06-10T00:00:00Z";
        for (String cut : List.of("", "&groupBy=vip", "&groupBy=tier", "&groupBy=day,tier")) {
            assertEquals(report("response-times", hours + cut).getList("rows"), report("response-times", RANGE + cut).getList("rows"),
                    "response-times" + cut);
            assertEquals(report("sla-compliance", hours + cut).getList("rows"), report("sla-compliance", RANGE + cut).getList("rows"),
                    "sla-compliance" + cut);
        }
        assertEquals(report("vip-impact", hours).getList("rows"), report("vip-impact", RANGE).getList("rows"), "vip-impact");
        // A store from before the tier tables (migration V3): they are filled from the day rows, not the facts.
        execute("DELETE FROM rollup_day_tier", "DELETE FROM rollup_week_tier", "DELETE FROM rollup_month_tier",
                "INSERT INTO rollup_tier_backfill (day) SELECT DISTINCT bucket FROM rollup_day");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertEquals(report("response-times", hours + "&groupBy=day,tier").getList("rows"),
                    report("response-times", RANGE + "&groupBy=day,tier").getList("rows"), "backfilled days");
            assertEquals(TICKETS, sum(report("volume", "from=2024-05-01&to=2024-07-31&groupBy=month,vip"), "opened"), "backfilled months");
        });
        JsonPath channels = report("volume", RANGE + "&groupBy=channel");
        for (Map.Entry<Channel, Long> channel : byChannel.entrySet()) {
            assertEquals(channel.getValue(), channels.getLong("rows.find { it.channel == '" + channel.getKey() + "' }.opened"), channel.getKey().name());
        }
        assertEquals(expectedBreaches, sum(report("vip-impact", RANGE), "vipBreaches") + sum(report("vip-impact", RANGE), "nonVipBreaches"));
    }

    static long sum(JsonPath report, String column) {
        return report.getList("rows." + column, Long.class).stream().mapToLong(Long::longValue).sum();
    }

    static JsonPath report(String name, String query) {
        return given().header("Authorization", TestTokens.bearer("manager")).get("/api/reports/" + name + "?" + query)
                .then().statusCode(200).extract().jsonPath();
    }

    void execute(String... statements) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    List<String> rows(String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(query)) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }

    long factAggregate(String aggregate) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COALESCE(" + aggregate + ", 0) FROM ticket_fact"
                     + " WHERE opened_at >= '2024-06-03T00:00:00Z' AND opened_at < '2024-06-10T00:00:00Z'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
