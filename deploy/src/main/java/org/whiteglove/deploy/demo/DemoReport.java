package org.whiteglove.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.whiteglove.deploy.check.Api;
import org.whiteglove.deploy.check.Await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the manager's reports say about the demo's tickets: the reports' totals over the days around the demo, read
 * before and after it, so the difference is the demo's part even on a platform that already holds other tickets.
 */
final class DemoReport {

    /** A figure of the summary: the report, its column, and how the summary names it. */
    private record Figure(String report, String column, String label) {
    }

    private static final List<Figure> FIGURES = List.of(
            new Figure("volume", "opened", "tickets opened"),
            new Figure("volume", "vipOpened", "VIP tickets"),
            new Figure("volume", "afterHours", "opened after hours"),
            new Figure("volume", "answeredCalls", "answered calls"),
            new Figure("volume", "resolved", "resolved"),
            new Figure("volume", "closed", "closed"),
            new Figure("volume", "reopened", "reopened"),
            new Figure("sla-compliance", "responseBreached", "response targets breached"),
            new Figure("sla-compliance", "breaches", "breach alerts"),
            new Figure("sla-compliance", "escalations", "escalations"),
            new Figure("sla-compliance", "notificationsDelivered", "notifications delivered"));

    private final Api api;
    private final String window;

    DemoReport(Api api) {
        this.api = api;
        // Night calls are back-dated by up to a day; a day either side covers any reporting time zone.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        this.window = "?from=" + today.minusDays(2) + "&to=" + today.plusDays(1);
    }

    /** Each figure's current total, by label. */
    Map<String, Long> totals() {
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        Map<String, Long> totals = new LinkedHashMap<>();
        for (Figure f : FIGURES) {
            JsonNode row = rows.computeIfAbsent(f.report(), report ->
                    Api.expect(200, api.get("reporting", "/api/reports/" + report + window, "manager")).json().path("rows").path(0));
            totals.put(f.label(), row.path(f.column()).asLong());
        }
        return totals;
    }

    /**
     * The totals once reporting holds at least {@code opened} tickets more than {@code before} (else it fails) and its
     * figures have stopped moving for five seconds, or as they stand after {@code timeout} (resolutions, breaches and
     * deliveries trail the openings; escalations go on falling due).
     */
    Map<String, Long> settledAfter(Map<String, Long> before, long opened, Duration timeout) throws InterruptedException {
        Await.until("reporting to count the demo's " + opened + " tickets", timeout, Duration.ofSeconds(1),
                () -> totals().get("tickets opened") - before.get("tickets opened") >= opened);
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> last = totals();
        while (System.nanoTime() < deadline) {
            Thread.sleep(5_000);
            Map<String, Long> now = totals();
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** The demo's part of each figure, as a markdown table. */
    static String table(Map<String, Long> before, Map<String, Long> after) {
        StringBuilder table = new StringBuilder("| in the reports | demo day |\n|---|---:|\n");
        after.forEach((label, total) -> table.append(String.format("| %s | %,d |%n", label, total - before.getOrDefault(label, 0L))));
        return table.toString();
    }
}
