package org.whiteglove.deploy.faults;

import com.fasterxml.jackson.databind.JsonNode;
import org.whiteglove.deploy.check.Api;
import org.whiteglove.deploy.check.Await;
import org.whiteglove.deploy.check.Platform;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What must hold after any fault, checked against each service's own store: every accepted ticket exists exactly
 * once, was prioritized once, has its two clocks; every response deadline that passed produced a breach and
 * exactly one delivered email to the assignee group, which the SMTP server received; and reporting's totals for
 * the period equal the counts in intake and sla-monitor.
 */
final class Invariants {

    private static final Pattern MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*<([^>]+)>");

    private final Platform platform;
    private final Map<String, String> messageIdByMailFile = new HashMap<>();

    Invariants(Platform platform) {
        this.platform = platform;
    }

    /** The outcome: what was checked, and the violations (empty when all hold). */
    record Outcome(int tickets, int breaches, int smtpCopiesBeyondOne, List<String> violations) {
    }

    /**
     * Called when the last ticket was sent. Waits for the last response deadline, then (up to {@code patience}) for the platform to settle and every invariant to hold for {@code tickets}
     * opened since {@code since}; after the wait, reports what still does not hold.
     */
    Outcome check(List<String> tickets, Instant since, Duration responseTarget, Duration patience) throws Exception {
        // Every ticket's response deadline must have passed, so every one of them is checked for its breach.
        Thread.sleep(responseTarget.plusSeconds(2).toMillis());
        List<String> violations = new ArrayList<>();
        int[] breaches = {0};
        int[] copies = {0};
        try {
            Await.until("every invariant to hold", patience, Duration.ofSeconds(2), () -> {
                violations.clear();
                breaches[0] = 0;
                copies[0] = 0;
                evaluate(tickets, since, responseTarget, violations, breaches, copies);
                return violations.isEmpty();
            });
        } catch (AssertionError timedOut) {
            // the violations of the last evaluation are the answer
        }
        return new Outcome(tickets.size(), breaches[0], copies[0], List.copyOf(violations));
    }

    private void evaluate(List<String> tickets, Instant since, Duration responseTarget, List<String> violations, int[] breaches,
                          int[] copies) throws Exception {
        try (Connection intake = platform.database("ticket-intake")) {
            long found = count(intake, "SELECT count(*) FROM ticket WHERE id::text = ANY(?)", tickets);
            expect(violations, "accepted tickets in intake", tickets.size(), found);
            long doubled = single(intake, "SELECT count(*) FROM (SELECT requester_email FROM ticket WHERE opened_at >= ?"
                    + " AND requester_email LIKE 'fault-%' GROUP BY requester_email HAVING count(*) > 1) d", Timestamp.from(since));
            expect(violations, "tickets created twice for one Idempotency-Key", 0, doubled);
        }
        try (Connection prioritizer = platform.database("prioritizer")) {
            Map<String, Long> decisions = perTicket(prioritizer, "SELECT ticket_id, count(*) FROM decision WHERE ticket_id = ANY(?) GROUP BY ticket_id", tickets);
            expect(violations, "tickets prioritized", tickets.size(), decisions.size());
            expect(violations, "tickets prioritized more than once", 0, decisions.values().stream().filter(n -> n > 1).count());
        }
        List<String> breached;
        try (Connection sla = platform.database("sla-monitor")) {
            Map<String, Long> clocks = perTicket(sla, "SELECT ticket_id, count(*) FROM sla_clock WHERE ticket_id = ANY(?) GROUP BY ticket_id", tickets);
            expect(violations, "tickets with both clocks", tickets.size(), clocks.values().stream().filter(n -> n == 2).count());
            Instant passed = Instant.now().minus(responseTarget).minusSeconds(3);
            long due = count(sla, "SELECT count(*) FROM sla_clock WHERE ticket_id = ANY(?) AND clock = 'RESPONSE' AND state = 'RUNNING'"
                    + " AND deadline < '" + passed + "'::timestamptz", tickets);
            breached = strings(sla, "SELECT ticket_id FROM sla_clock WHERE ticket_id = ANY(?) AND clock = 'RESPONSE' AND fired @> '[\"breach\"]'", tickets);
            long dueNotBreached = count(sla, "SELECT count(*) FROM sla_clock WHERE ticket_id = ANY(?) AND clock = 'RESPONSE'"
                    + " AND state = 'RUNNING' AND deadline < '" + passed + "'::timestamptz AND NOT fired @> '[\"breach\"]'", tickets);
            expect(violations, "passed response deadlines without a breach (of " + due + ")", 0, dueNotBreached);
            breaches[0] = breached.size();
        }
        try (Connection notifier = platform.database("notifier")) {
            Map<String, Long> delivered = perTicket(notifier, "SELECT ticket_id, count(*) FROM delivery WHERE ticket_id = ANY(?)"
                    + " AND channel = 'EMAIL' AND alert->>'kind' = 'SLA_BREACH' AND status = 'DELIVERED' GROUP BY ticket_id", breached);
            expect(violations, "breaches with a delivered email", breached.size(), delivered.size());
            expect(violations, "breaches emailed more than once", 0, delivered.values().stream().filter(n -> n > 1).count());
            List<String> deliveryIds = strings(notifier, "SELECT id::text FROM delivery WHERE ticket_id = ANY(?) AND channel = 'EMAIL'"
                    + " AND alert->>'kind' = 'SLA_BREACH' AND status = 'DELIVERED'", breached);
            if (violations.isEmpty()) { // the mail folder is read once the databases agree
                Map<String, Integer> received = smtpMessageIds();
                expect(violations, "delivered breach emails the SMTP server received", deliveryIds.size(),
                        deliveryIds.stream().filter(id -> received.containsKey(id + "@whiteglove.local")).count());
                copies[0] = deliveryIds.stream().mapToInt(id -> Math.max(0, received.getOrDefault(id + "@whiteglove.local", 0) - 1)).sum();
            }
        }
        reportingEqualsSources(since, violations);
    }

    /** Reporting's totals for the whole hours around the run equal intake's and sla-monitor's own counts. */
    private void reportingEqualsSources(Instant since, List<String> violations) throws Exception {
        Instant from = since.truncatedTo(ChronoUnit.HOURS);
        Instant to = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
        JsonNode freshness = Api.expect(200, platform.api().get("reporting", "/api/history/freshness", "manager")).json();
        if (freshness.path("pendingHours").asLong() > 0) {
            violations.add("reporting has hours waiting to be rolled up");
            return;
        }
        JsonNode report = Api.expect(200, platform.api().get("reporting", "/api/reports/sla-compliance?from=" + from + "&to=" + to,
                "manager")).json();
        long opened = 0;
        long responseBreached = 0;
        for (JsonNode row : report.path("rows")) {
            opened += row.path("opened").asLong();
            responseBreached += row.path("responseBreached").asLong();
        }
        try (Connection intake = platform.database("ticket-intake");
             PreparedStatement p = intake.prepareStatement("SELECT count(*) FROM ticket WHERE opened_at >= ? AND opened_at < ?")) {
            p.setTimestamp(1, Timestamp.from(from));
            p.setTimestamp(2, Timestamp.from(to));
            expect(violations, "reporting's opened = intake's tickets", count(p), opened);
        }
        try (Connection sla = platform.database("sla-monitor");
             // Missed: the breach fired, or the response came after the deadline before it could (a call logged after
             // a long wait in the queue is answered late at once), which reporting counts from the clock's stop.
             PreparedStatement p = sla.prepareStatement("SELECT count(*) FROM sla_clock c JOIN ticket_sla t USING (ticket_id)"
                     + " WHERE c.clock = 'RESPONSE' AND (c.fired @> '[\"breach\"]' OR c.stopped_at > c.deadline)"
                     + " AND t.opened_at >= ? AND t.opened_at < ?")) {
            p.setTimestamp(1, Timestamp.from(from));
            p.setTimestamp(2, Timestamp.from(to));
            expect(violations, "reporting's missed responses = sla-monitor's", count(p), responseBreached);
        }
    }

    /** Message-ID → copies the SMTP server received. Each mail is a file written once, so each is read once. */
    private Map<String, Integer> smtpMessageIds() throws Exception {
        Path folder = platform.mailFolder();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                for (Path f : files.toList()) {
                    messageIdByMailFile.computeIfAbsent(f.getFileName().toString(), name -> messageId(f));
                }
            }
        }
        Map<String, Integer> ids = new HashMap<>();
        messageIdByMailFile.values().stream().filter(id -> !id.isEmpty()).forEach(id -> ids.merge(id, 1, Integer::sum));
        return ids;
    }

    private static String messageId(Path mail) {
        try {
            Matcher m = MESSAGE_ID.matcher(new String(Files.readAllBytes(mail), StandardCharsets.ISO_8859_1));
            return m.find() ? m.group(1) : "";
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void expect(List<String> violations, String what, long expected, long actual) {
        if (expected != actual) {
            violations.add(what + ": expected " + expected + ", found " + actual);
        }
    }

    private static long count(Connection db, String sql, List<String> ids) throws Exception {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setArray(1, db.createArrayOf("text", ids.toArray()));
            return count(p);
        }
    }

    private static long single(Connection db, String sql, Timestamp at) throws Exception {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setTimestamp(1, at);
            return count(p);
        }
    }

    private static long count(PreparedStatement p) throws Exception {
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Map<String, Long> perTicket(Connection db, String sql, List<String> ids) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (PreparedStatement p = db.prepareStatement(sql)) {
            Array array = db.createArrayOf("text", ids.toArray());
            p.setArray(1, array);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private static List<String> strings(Connection db, String sql, List<String> ids) throws Exception {
        List<String> out = new ArrayList<>();
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
