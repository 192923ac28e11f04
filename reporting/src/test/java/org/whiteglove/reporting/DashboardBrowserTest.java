package org.whiteglove.reporting;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.whiteglove.reporting.ReportEvents.breached;
import static org.whiteglove.reporting.ReportEvents.met;
import static org.whiteglove.reporting.ReportEvents.newTicketId;
import static org.whiteglove.reporting.ReportEvents.opened;
import static org.whiteglove.reporting.ReportEvents.prioritized;
import static org.whiteglove.reporting.ReportEvents.status;
import static org.whiteglove.reporting.ReportEvents.warned;

/** The dashboard in Debian's Chromium, headless, against the service with real data; a screenshot lands in target/. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class DashboardBrowserTest {

    static final Path SCREENSHOT = Path.of("target", "screenshots", "dashboard.png");

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aManagerSeesTheReportsAsCharts() throws Exception {
        // Five tickets of the last two days: VIP resolved in time, VIP at risk, non-VIP breached, two more open.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<Outgoing> events = new ArrayList<>();
        String v1 = newTicketId(), v2 = newTicketId(), n1 = newTicketId(), n2 = newTicketId(), n3 = newTicketId();
        ticket(events, v1, Channel.PHONE, now.minusSeconds(3 * 3600), Priority.P2, "EXECUTIVE");
        events.add(Outgoing.of(met(v1, SlaClockKind.RESPONSE, true, 300, now.minusSeconds(3 * 3600 - 300))));
        events.add(Outgoing.of(status(v1, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, now.minusSeconds(3600))));
        events.add(Outgoing.of(met(v1, SlaClockKind.RESOLUTION, true, 7200, now.minusSeconds(3600))));
        ticket(events, v2, Channel.EMAIL, now.minusSeconds(2 * 3600), Priority.P3, "EXECUTIVE");
        events.add(Outgoing.of(warned(v2, SlaClockKind.RESOLUTION, now.minusSeconds(600))));
        ticket(events, n1, Channel.WEB, now.minusSeconds(5 * 3600), Priority.P3, null);
        events.add(Outgoing.of(breached(n1, SlaClockKind.RESPONSE, now.minusSeconds(3600))));
        ticket(events, n2, Channel.API, now.minusSeconds(26 * 3600), Priority.P4, null);
        events.add(Outgoing.of(met(n2, SlaClockKind.RESPONSE, true, 900, now.minusSeconds(26 * 3600 - 900))));
        ticket(events, n3, Channel.PHONE, now.minusSeconds(1800), Priority.P1, null);
        TestEvents.publishAll(ReportEvents.bootstrap(), events);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(events) == events.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> given().header("Authorization", TestTokens.bearer("manager"))
                .get("/api/history/freshness").jsonPath().getLong("pendingHours") == 0);

        String page = root + "#token=" + TestTokens.bearer("manager").substring("Bearer ".length());
        Path profile = Files.createTempDirectory("chromium-profile");
        Document dom = Jsoup.parse(Chromium.headless(page, profile, "--dump-dom"));
        assertEquals("ready", dom.body().attr("data-state"), () -> "dashboard did not render: " + dom.select("#error").text());
        assertEquals("5", dom.getElementById("kpi-opened").text());
        assertEquals("40.0 %", dom.getElementById("kpi-vip-share").text());
        assertEquals("4", dom.getElementById("kpi-open").text());
        assertEquals("1", dom.getElementById("kpi-at-risk").text());
        assertEquals("1", dom.getElementById("kpi-breached").text());
        assertEquals("100.0 % / 50.0 %", dom.getElementById("kpi-compliance").text(), "VIP: v1 met; non-VIP: n2 met, n1 breached");
        for (Element canvas : dom.select("canvas")) {
            assertTrue(Integer.parseInt(canvas.attr("width").isEmpty() ? "0" : canvas.attr("width")) > 0, canvas.id() + " was not drawn");
        }

        // The date-range filter: a range with none of these tickets shows none (the backlog is "now", whatever the range).
        String lastYear = root + "?from=2025-01-01&to=2025-01-31#token=" + TestTokens.bearer("manager").substring("Bearer ".length());
        Document january = Jsoup.parse(Chromium.headless(lastYear, Files.createTempDirectory("chromium-profile"), "--dump-dom"));
        assertEquals("ready", january.body().attr("data-state"));
        assertEquals("0", january.getElementById("kpi-opened").text(), "January 2025 had none of these tickets");
        assertEquals("4", january.getElementById("kpi-open").text());

        Files.createDirectories(SCREENSHOT.getParent());
        Files.deleteIfExists(SCREENSHOT);
        Chromium.headless(page, Files.createTempDirectory("chromium-profile"), "--screenshot=" + SCREENSHOT.toAbsolutePath());
        assertTrue(Files.size(SCREENSHOT) > 20_000, "the screenshot is nearly empty");
        System.out.println("Dashboard screenshot: " + SCREENSHOT.toAbsolutePath());
    }

    @Test
    void everythingTheDashboardNeedsIsServedHere() {
        for (String path : List.of("/", "/dashboard.js", "/dashboard.css", "/webjars/chart.js/4.4.1/dist/chart.umd.js")) {
            given().get(path).then().statusCode(200);
        }
        given().get("/").then().body(not(containsString("http://")), not(containsString("https://")));
        given().get("/dashboard.js").then().body(not(containsString("http://")), not(containsString("https://")));
    }

    private static void ticket(List<Outgoing> events, String id, Channel channel, Instant at, Priority priority, String tier) {
        events.add(Outgoing.of(opened(id, channel, at, false, null)));
        events.add(Outgoing.of(prioritized(id, priority, null, tier == null ? "service-desk" : "vip-desk", tier,
                tier == null ? VipMatch.NONE : VipMatch.VIP, at.plusMillis(20))));
    }

    /** How many of {@code events} the store has taken in (the inbox records each event id it applied). */
    private long stored(List<Outgoing> events) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement(
                     "SELECT count(*) FROM whiteglove_runtime.processed_event WHERE event_id = ANY(?)")) {
            select.setArray(1, c.createArrayOf("text", events.stream().map(e -> e.headers().id()).toArray()));
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
