package org.whiteglove.deploy.bench;

import org.whiteglove.deploy.check.Api;
import org.whiteglove.deploy.check.Platform;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.SlaWarning;
import org.whiteglove.infra.testing.TestEvents;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.whiteglove.deploy.check.Api.expect;

/**
 * A P1 alert behind a queue of minor ones: {@code minor} P4 SLA warnings, then one P1 warning, reach the notifier for a
 * rule without a limit (one mail each). Their tickets are unknown to it, so every mail waits the notifier's 30 s for
 * its ticket and they all fall due within a second or so, the P1 mail among the last: a backlog the mail path drains
 * at its own pace. Measured from the notifier's delivery log: when the P1 mail went out, and its place in the order.
 */
final class AlertBacklog {

    record Result(int minor, int sent, long criticalRank, long criticalRankByDue, double criticalAfterDueSeconds,
                  double drainedSeconds) {
        double mailsPerSecond() {
            return drainedSeconds > 0 ? sent / drainedSeconds : 0;
        }
    }

    private AlertBacklog() {
    }

    static Result run(Platform platform, int minor) throws Exception {
        String run = "backlog-" + Long.toString(System.currentTimeMillis(), 36);
        String address = run + "@bench.whiteglove.local";
        Api api = platform.api();
        String rule = expect(201, api.post("notifier", "/api/rules", "ops", Map.of("name", "bench: every warning to " + address,
                "kind", "SLA_WARNING", "emails", List.of(address), "enabled", true))).json().path("id").asText();
        try {
            List<TestEvents.Outgoing> warnings = new ArrayList<>();
            for (int i = 0; i <= minor; i++) {
                boolean critical = i == minor;
                Instant now = Instant.now();
                SlaWarning warning = new SlaWarning(run + (critical ? "-critical" : "-minor-" + i), SlaClockKind.RESOLUTION, 75,
                        now.plus(Duration.ofHours(2)), 1, now, critical ? Priority.P1 : Priority.P4, null, "service-desk");
                warnings.add(new TestEvents.Outgoing(warning, CloudEventHeaders.forEvent(warning, "/whiteglove/bench", now)));
            }
            TestEvents.publishAll(platform.bootstrap(), warnings);
            System.out.printf("  %,d P4 warnings, then one P1, published; their mails wait 30 s for the tickets, then go out%n", minor);
            long giveUp = System.nanoTime() + Duration.ofSeconds(90 + minor / 20).toNanos();
            try (Connection db = platform.database("notifier")) {
                long[] counts = counts(db, address);
                while ((counts[0] < minor + 1 || counts[1] > 0) && System.nanoTime() < giveUp) {
                    Thread.sleep(1_000);
                    counts = counts(db, address);
                }
                return measure(db, address, minor);
            }
        } finally {
            api.send("DELETE", "notifier", "/api/rules/" + rule, "ops", null, null);
        }
    }

    /** The address's deliveries: all of them, and those still pending. */
    private static long[] counts(Connection db, String address) throws Exception {
        try (PreparedStatement s = db.prepareStatement("SELECT count(*), count(*) FILTER (WHERE status = 'PENDING') FROM delivery"
                + " WHERE recipient = ?")) {
            s.setString(1, address);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /**
     * A mail's due moment is its delivery's creation plus the notifier's 30 s wait for the ticket. The P1 mail's place
     * in due order (those due no later than it, plus one) is where it would have gone out first come, first served.
     */
    private static Result measure(Connection db, String address, int minor) throws Exception {
        try (PreparedStatement s = db.prepareStatement("""
                WITH d AS (SELECT alert->>'priority' AS priority, created_at + interval '30 s' AS due, finished_at,
                                  row_number() OVER (ORDER BY finished_at, id) AS rank
                           FROM delivery WHERE recipient = ? AND status = 'DELIVERED'),
                     p1 AS (SELECT * FROM d WHERE priority = 'P1')
                SELECT (SELECT count(*) FROM d), p1.rank, (SELECT count(*) FROM d WHERE d.due <= p1.due),
                       extract(epoch FROM p1.finished_at - p1.due), (SELECT extract(epoch FROM max(finished_at) - min(due)) FROM d)
                FROM p1""")) {
            s.setString(1, address);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return new Result(minor, 0, 0, 0, Double.NaN, Double.NaN);
                }
                return new Result(minor, rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4), rs.getDouble(5));
            }
        }
    }

    static void report(BenchReport report, Result r) {
        report.add("alerts", "P1 warning behind " + r.minor() + " queued P4 mails: sent after it fell due", r.criticalAfterDueSeconds(), "s",
                String.format("sent %,d of %,d; first come, first served it would have been %,d; the queue drained in %.1f s (%.0f mails/s)",
                        r.criticalRank(), r.sent(), r.criticalRankByDue(), r.drainedSeconds(), r.mailsPerSecond()));
    }

    /** {@code deploy/whiteglove load-alerts [MINOR]}: this phase alone. */
    public static void main(String[] args) throws Exception {
        Result r = run(Platform.fromEnvironment(), args.length > 0 ? Integer.parseInt(args[0]) : 5_000);
        System.out.printf("| P1 warning behind %,d queued P4 mails | sent %.2f s after it fell due, %,d of %,d (first come, first served: %,d);"
                        + " queue drained in %.1f s, %.0f mails/s |%n", r.minor(), r.criticalAfterDueSeconds(), r.criticalRank(), r.sent(),
                r.criticalRankByDue(), r.drainedSeconds(), r.mailsPerSecond());
    }
}
