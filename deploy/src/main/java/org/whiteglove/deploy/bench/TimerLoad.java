package org.whiteglove.deploy.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.whiteglove.deploy.check.Platform;
import org.whiteglove.events.Topics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * The SLA timers under load: N open clocks whose next milestone lies hours ahead (held in PostgreSQL),
 * a steady stream of clocks falling due at a fixed rate, then a burst of clocks all falling due within
 * one second, with a few P1 clocks due at the end of that second (sla-monitor fires critical clocks
 * first when more are due than one pass fires, so they should not wait for the burst to drain). The clocks
 * are written straight into sla-monitor's table as its consumer would store them (a resolution clock on the
 * 24x7 calendar with P2's milestones, whose 75 % warning is next), so setting up a million takes seconds; the
 * firing delay is measured from each clock's due moment to its SlaWarning record on sla.events (the Kafka
 * record timestamp), i.e. as a consumer of the alerts sees it.
 */
public final class TimerLoad {

    /** P2's resolution milestones as sla-monitor stores them (business seconds elapsed). */
    private static final String P2_RESOLUTION_MILESTONES = "[" + String.join(",", List.of(
            milestone("warning-75", "WARNING", 0, 75, 21600, null),
            milestone("warning-90", "WARNING", 0, 90, 25920, null),
            milestone("breach", "BREACH", 0, 100, 28800, null),
            milestone("escalation-1", "ESCALATION", 1, 0, 28800, "assignee-group"),
            milestone("escalation-2", "ESCALATION", 2, 0, 30600, "desk-manager"),
            milestone("escalation-3", "ESCALATION", 3, 0, 36000, "it-director"))) + "]";
    private static final Duration WARNING_AT = Duration.ofHours(6);
    /** P1 clocks due at the last millisecond of the burst's second. */
    static final int CRITICAL_IN_BURST = 10;

    private TimerLoad() {
    }

    /**
     * @param resumedAfterSeconds with a crash: from the SIGKILL of sla-monitor to the first milestone it fired after its restart
     * @param notifierDuplicates alerts delivered more than once to the same recipient for the same clock milestone
     * @param criticalDelayMs the P1 clocks due at the end of the burst's second: from their due moment to their warning
     * @param burstBeforeCritical warnings of the burst published before the last of the P1 ones
     * @param criticalMailedSeconds from the P1 clocks' due moment to the last of their warning mails accepted by the mail
     *                              server (NaN when none went out)
     */
    record Result(int expected, int fired, int redelivered, Histogram steadyDelayMs, Histogram burstDelayMs,
                  Histogram criticalDelayMs, long burstBeforeCritical, double criticalMailedSeconds, double burstDrainedSeconds,
                  long rssBeforeKiB, long rssPeakKiB, double resumedAfterSeconds,
                  long notifierDeliveries, long notifierDuplicates) {
        int lost() {
            return expected - fired;
        }
    }

    public static void main(String[] args) throws Exception {
        int open = Integer.parseInt(args[0]);
        int steadyRate = Integer.parseInt(args[1]);
        int steadySeconds = Integer.parseInt(args[2]);
        int burst = Integer.parseInt(args[3]);
        boolean crash = args.length > 4 && args[4].equals("--kill");
        Result r = run(Platform.fromEnvironment(), open, steadyRate, steadySeconds, burst, Duration.ofSeconds(45), crash);
        System.out.println();
        System.out.println("| SLA timers | value |");
        System.out.println("|---|---|");
        System.out.printf("| open clocks in PostgreSQL | %,d |%n", open + r.expected());
        System.out.printf("| steady stream | %,d clocks at %d/s: delay p50 %d ms, p99 %d ms, p99.9 %d ms, max %d ms |%n",
                r.steadyDelayMs().getTotalCount(), steadyRate, r.steadyDelayMs().getValueAtPercentile(50),
                r.steadyDelayMs().getValueAtPercentile(99), r.steadyDelayMs().getValueAtPercentile(99.9), r.steadyDelayMs().getMaxValue());
        System.out.printf("| burst in one second | %,d clocks: delay p50 %d ms, p99 %d ms, max %d ms; drained %.2f s after the second began |%n",
                r.burstDelayMs().getTotalCount(), r.burstDelayMs().getValueAtPercentile(50), r.burstDelayMs().getValueAtPercentile(99),
                r.burstDelayMs().getMaxValue(), r.burstDrainedSeconds());
        if (r.criticalDelayMs().getTotalCount() > 0) {
            System.out.printf("| %d P1 clocks due at the end of that second | delay max %d ms; %,d of the burst's warnings went out before them |%n",
                    r.criticalDelayMs().getTotalCount(), r.criticalDelayMs().getMaxValue(), r.burstBeforeCritical());
            System.out.printf("| their warning mails | the last accepted by the mail server %.2f s after they fell due |%n", r.criticalMailedSeconds());
        }
        System.out.printf("| fired / expected | %,d / %,d (lost %,d; redelivered with the same ce_id %,d) |%n",
                r.fired(), r.expected(), r.lost(), r.redelivered());
        if (crash) {
            System.out.printf("| kill -9 of sla-monitor | firing resumed %.1f s after the kill |%n", r.resumedAfterSeconds());
        }
        System.out.printf("| notifier | %,d deliveries, %,d duplicates |%n", r.notifierDeliveries(), r.notifierDuplicates());
        System.out.printf("| sla-monitor resident memory | %,d MiB before, %,d MiB peak |%n", r.rssBeforeKiB() / 1024, r.rssPeakKiB() / 1024);
    }

    /**
     * Writes {@code open} far clocks, {@code steadyRate}/s due for {@code steadySeconds} from {@code lead} on, then
     * {@code burst} due within one second; with {@code crash}, sla-monitor is killed (SIGKILL) a third into the
     * steady stream and started again at once.
     */
    static Result run(Platform platform, int open, int steadyRate, int steadySeconds, int burst, Duration lead, boolean crash)
            throws Exception {
        String run = "bench-" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection db = platform.database("sla-monitor")) {
            long rssBefore = rssKiB(platform.pid("sla-monitor"));
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            long t = System.nanoTime();
            // Far: next milestone 5–6 h ahead, never due during the run.
            insert(db, run + "-far-", open, "now() - (random() * interval '1 hour')", "P2");
            double farSeconds = (System.nanoTime() - t) / 1e9;
            Instant steadyStart = now.plus(lead).plusSeconds((long) farSeconds);
            Instant burstAt = steadyStart.plusSeconds(steadySeconds + 5);
            int steady = steadyRate * steadySeconds;
            int critical = burst > 0 ? CRITICAL_IN_BURST : 0;
            Instant criticalAt = burstAt.plusMillis(999);
            // Steady: one clock due every 1/rate s from steadyStart; burst: `burst` clocks within one second, then P1 ones.
            insertDue(db, run + "-s-", steady, steadyStart, 1_000_000L / steadyRate, "P2");
            insertDue(db, run + "-b-", burst, burstAt, Math.max(1, 1_000_000L / Math.max(burst, 1)), "P2");
            insertDue(db, run + "-c-", critical, criticalAt, 0, "P1");
            knownTickets(platform, run + "-c-", critical);
            System.out.printf("open clocks written: %,d far (%.1f s) + %,d steady (%d/s from %s) + %,d burst (at %s) + %d P1 (at %s)%n",
                    open, farSeconds, steady, steadyRate, steadyStart, burst, burstAt, critical, criticalAt);

            long[] killedAt = {0};
            Exception[] crashFailed = {null};
            Thread crasher = null;
            if (crash) {
                crasher = new Thread(() -> {
                    try {
                        Thread.sleep(Math.max(0, Duration.between(Instant.now(), steadyStart.plusSeconds(steadySeconds / 3)).toMillis()));
                        System.out.print(platform.whitegloveChecked("kill", "sla-monitor"));
                        killedAt[0] = System.currentTimeMillis();
                        System.out.print(platform.whitegloveChecked("start", "sla-monitor"));
                    } catch (Exception e) {
                        crashFailed[0] = e;
                    }
                }, "crash-sla-monitor");
                crasher.start();
            }

            Histogram steadyDelay = new Histogram(3);
            Histogram burstDelay = new Histogram(3);
            Histogram criticalDelay = new Histogram(3);
            List<Long> burstPublished = new java.util.ArrayList<>();
            long lastCriticalMs = 0;
            long lastBurstMs = 0;
            long firstAfterKill = Long.MAX_VALUE;
            int seen = 0;
            int duplicates = 0;
            long rssPeak;
            java.util.Set<String> eventIds = new java.util.HashSet<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLA_EVENTS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                long giveUp = System.nanoTime() + Duration.between(Instant.now(), burstAt).plusSeconds(120).toNanos();
                rssPeak = rssKiB(platform.pid("sla-monitor"));
                while (seen < steady + burst + critical && System.nanoTime() < giveUp) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                        String key = r.key();
                        if (key == null || !key.startsWith(run) || !typeOf(r).endsWith("SlaWarning")) {
                            continue;
                        }
                        if (!eventIds.add(header(r, "ce_id"))) {
                            duplicates++; // the relay sends at least once; consumers keep one per ce_id
                            continue;
                        }
                        if (killedAt[0] > 0 && r.timestamp() > killedAt[0]) {
                            firstAfterKill = Math.min(firstAfterKill, r.timestamp());
                        }
                        if (key.startsWith(run + "-s-")) {
                            long due = steadyStart.toEpochMilli() + index(key) * (1000L / steadyRate);
                            steadyDelay.recordValue(Math.max(0, r.timestamp() - due));
                            seen++;
                        } else if (key.startsWith(run + "-b-")) {
                            long due = burstAt.toEpochMilli() + index(key) * Math.max(1, 1_000_000L / Math.max(burst, 1)) / 1000;
                            burstDelay.recordValue(Math.max(0, r.timestamp() - due));
                            lastBurstMs = Math.max(lastBurstMs, r.timestamp());
                            burstPublished.add(r.timestamp());
                            seen++;
                        } else if (key.startsWith(run + "-c-")) {
                            criticalDelay.recordValue(Math.max(0, r.timestamp() - criticalAt.toEpochMilli()));
                            lastCriticalMs = Math.max(lastCriticalMs, r.timestamp());
                            seen++;
                        }
                    }
                    rssPeak = Math.max(rssPeak, rssKiB(platform.pid("sla-monitor")));
                }
            }
            if (crasher != null) {
                crasher.join();
                if (crashFailed[0] != null) {
                    throw new IllegalStateException("the crash of sla-monitor could not be staged", crashFailed[0]);
                }
            }
            Bench.settle(platform); // the notifier has routed every alert of the run
            long[] notifier = notifierDeliveries(platform, run);
            double criticalMailed = critical == 0 ? Double.NaN : lastMailSeconds(platform, run + "-c-", criticalAt);
            try (Statement s = db.createStatement()) {
                s.executeUpdate("DELETE FROM sla_clock WHERE ticket_id LIKE '" + run + "-%'");
            }
            forgetUnsentAlerts(platform, run);
            long burstBeforeCritical = 0;
            for (long publishedAt : burstPublished) {
                burstBeforeCritical += publishedAt < lastCriticalMs ? 1 : 0;
            }
            return new Result(steady + burst + critical, seen, duplicates, steadyDelay, burstDelay, criticalDelay, burstBeforeCritical,
                    criticalMailed, (lastBurstMs - burstAt.toEpochMilli()) / 1000.0,
                    rssBefore, rssPeak, crash && firstAfterKill != Long.MAX_VALUE ? (firstAfterKill - killedAt[0]) / 1000.0 : Double.NaN,
                    notifier[0], notifier[1]);
        }
    }

    /**
     * The P1 clocks' tickets as the notifier knows them once their opening has arrived (number, subject, queue), so
     * their mails go out at once; the burst's clocks have no tickets, and their mails wait 30 s for them first.
     */
    private static void knownTickets(Platform platform, String prefix, int count) throws Exception {
        try (Connection db = platform.database("notifier"); PreparedStatement p = db.prepareStatement("INSERT INTO ticket_view"
                + " (ticket_id, ticket_number, subject, priority, queue, status, updated_at) SELECT ?||i, 'BENCH-'||i,"
                + " 'a P1 clock in a burst of deadlines', 'P1', 'service-desk', 'OPEN', now() FROM generate_series(0, ? - 1) AS i")) {
            p.setString(1, prefix);
            p.setInt(2, count);
            p.executeUpdate();
        }
    }

    /** Seconds from {@code due} to the last warning mail of these tickets that the mail server accepted (waits up to 60 s). */
    private static double lastMailSeconds(Platform platform, String prefix, Instant due) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        try (Connection db = platform.database("notifier"); PreparedStatement p = db.prepareStatement("SELECT count(*) FILTER"
                + " (WHERE status = 'PENDING'), max(finished_at) FILTER (WHERE status = 'DELIVERED') FROM delivery"
                + " WHERE ticket_id LIKE ? AND channel = 'EMAIL' AND alert->>'kind' = 'SLA_WARNING'")) {
            p.setString(1, prefix + "%");
            while (true) {
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                    Timestamp last = rs.getTimestamp(2);
                    if (rs.getLong(1) == 0 && last != null || System.nanoTime() > giveUp) {
                        return last == null ? Double.NaN : Duration.between(due, last.toInstant()).toMillis() / 1000.0;
                    }
                }
                Thread.sleep(500);
            }
        }
    }

    /** The notifier's deliveries for this run's clocks, and how many alerts went to one recipient more than once. */
    private static long[] notifierDeliveries(Platform platform, String run) throws Exception {
        try (Connection db = platform.database("notifier"); Statement s = db.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT count(*), (SELECT count(*) FROM (SELECT 1 FROM delivery"
                     + " WHERE ticket_id LIKE '" + run + "-%' GROUP BY ticket_id, rule_id, channel, recipient, alert->>'kind'"
                     + " HAVING count(*) > 1) twice) FROM delivery WHERE ticket_id LIKE '" + run + "-%'")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    /**
     * The run's clocks have no tickets, yet their warnings match the default rules: drop the mails not sent yet
     * (a million-clock run would keep the notifier busy for an hour and distort whatever is measured next).
     */
    private static void forgetUnsentAlerts(Platform platform, String run) throws Exception {
        try (Connection db = platform.database("notifier"); Statement s = db.createStatement()) {
            // One statement: the unsent rows are locked first (the dispatcher skips locked rows, so it cannot log
            // another attempt for one of them meanwhile); a row it is sending right now is skipped and goes out.
            s.executeUpdate("WITH unsent AS (SELECT id FROM delivery WHERE ticket_id LIKE '" + run + "-%' AND status = 'PENDING'"
                    + " FOR UPDATE SKIP LOCKED), attempts AS (DELETE FROM delivery_attempt WHERE delivery_id IN (SELECT id FROM unsent))"
                    + " DELETE FROM delivery WHERE id IN (SELECT id FROM unsent)");
            s.executeUpdate("DELETE FROM ticket_view WHERE ticket_id LIKE '" + run + "-%'");
        }
    }

    private static void insert(Connection db, String prefix, int count, String startedAtSql, String priority) throws Exception {
        String sql = "INSERT INTO sla_clock (ticket_id, clock, policy, priority, calendar, target_ms, milestones, started_at,"
                + " excluded, state, deadline, deadline_version, fired, next_due_at, next_milestone, queue, updated_at)"
                + " SELECT ?||i, 'RESOLUTION', ?, ?, '24x7', 28800000, ?::jsonb, s, '[]', 'RUNNING', s + interval '8 hours', 1, '[]',"
                + " s + interval '6 hours', 'warning-75', 'service-desk', now()"
                + " FROM (SELECT i, " + startedAtSql + " AS s FROM generate_series(0, ? - 1) AS i) g";
        try (PreparedStatement p = db.prepareStatement(sql)) {
            p.setString(1, prefix);
            p.setString(2, priority);
            p.setString(3, priority);
            p.setString(4, P2_RESOLUTION_MILESTONES);
            p.setInt(5, count);
            p.executeUpdate();
        }
    }

    /** Clocks of {@code priority} whose 75 % warning falls due at {@code first} + i × {@code stepMicros}. */
    private static void insertDue(Connection db, String prefix, int count, Instant first, long stepMicros, String priority) throws Exception {
        Instant started = first.minus(WARNING_AT);
        insert(db, prefix, count, "'" + Timestamp.from(started).toInstant() + "'::timestamptz + i * interval '" + stepMicros + " microseconds'",
                priority);
    }

    private static long index(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('-') + 1));
    }

    private static String typeOf(ConsumerRecord<String, byte[]> r) {
        return header(r, "ce_type");
    }

    private static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value());
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (Exception e) {
            // not on Linux, or the process is gone
        }
        return 0;
    }

    private static String milestone(String code, String kind, int level, int percent, long atElapsedSeconds, String group) {
        return "{\"code\":\"" + code + "\",\"kind\":\"" + kind + "\",\"level\":" + level + ",\"percent\":" + percent
                + ",\"atElapsed\":" + atElapsedSeconds + ".0,\"targetGroup\":" + (group == null ? "null" : "\"" + group + "\"") + "}";
    }
}
