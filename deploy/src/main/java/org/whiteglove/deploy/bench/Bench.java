package org.whiteglove.deploy.bench;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.whiteglove.deploy.check.Platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code deploy/whiteglove bench [--quick]}: the benchmark of the running platform, in one run — baselines (raw
 * Kafka producer, raw PostgreSQL inserts), intake throughput and its ratio to them, intake → prioritized latency
 * at fixed rates (open loop, corrected for coordinated omission), SLA timers (held, steady, burst, memory), a
 * kill -9 of sla-monitor under load, reporting latency over a long history, and where a P1 alert goes out behind a
 * queue of minor ones. Prints a markdown table and
 * writes it with a JSON twin to the state folder's bench/. {@code --quick} is the same with seconds of load,
 * a smoke test for CI; its figures say nothing about capacity.
 */
public final class Bench {

    private record Size(int kafkaRecords, int pgRows, int intakeTickets, int intakeClients, List<Integer> rates,
                        int rateSeconds, int openClocks, int timerRate, int timerSeconds, int burst, Duration timerLead,
                        int restartRate, int restartSeconds, int historyTickets, int historyDays, int reportRequests,
                        int queuedAlerts) {
    }

    private static final Size QUICK = new Size(20_000, 3_000, 600, 16, List.of(100), 5, 10_000, 50, 6, 2_000,
            Duration.ofSeconds(8), 50, 15, 20_000, 30, 20, 200);
    private static final Size FULL = new Size(1_000_000, 100_000, 20_000, 64, List.of(50, 100, 200, 500, 1000), 30, 1_000_000, 200, 30,
            100_000, Duration.ofSeconds(45), 200, 60, 5_000_000, 730, 200, 5_000);

    private static final int WARM_UP_TICKETS = 80_000;

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        Size size = quick ? QUICK : FULL;
        int history = size.historyTickets();
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--history")) {
                history = Integer.parseInt(args[i + 1]); // 0 times the reports over the history already loaded
            }
        }
        Platform platform = Platform.fromEnvironment();
        BenchReport report = new BenchReport(quick ? "quick" : "full");
        String intake = platform.url("ticket-intake");
        String token = platform.token("intake");

        System.out.println("Baselines on the same broker and database");
        double kafka = Baselines.kafkaProducer(platform, size.kafkaRecords());
        report.add("baseline", "raw Kafka producer, 1 KiB records, acks=all", kafka, "records/s", null);
        double postgres = Baselines.postgresInsert(platform, size.pgRows(), 16);
        report.add("baseline", "raw PostgreSQL insert, one row per transaction, 16 connections", postgres, "rows/s", null);

        if (!quick) {
            // JIT-compiled services, measured in their steady state. Six JVMs share 2 busy cores, so C2 takes long:
            // after 60,000 tickets its threads still took 20-30 % of intake's, the prioritizer's and sla-monitor's
            // CPU, and closed-loop intake rose run by run (20,000 each: 205, 296, 382, 398, 429/s, session 9).
            // P5 tickets: mixed ones would breach and mail by the tens of thousands during the later phases.
            System.out.printf("Warming up the services with %,d P5 tickets (not measured)%n", WARM_UP_TICKETS);
            IntakeLoad.run(intake, platform.bootstrap(), token, WARM_UP_TICKETS, 64, IntakeLoad::quietBody);
        }
        System.out.println("Intake throughput (closed loop)");
        settle(platform);
        PlatformCpu.Snapshot cpuBefore = PlatformCpu.snapshot(platform);
        Duration driverBefore = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        IntakeLoad.Result closed = IntakeLoad.run(intake, platform.bootstrap(), token, size.intakeTickets(), size.intakeClients());
        report.atLeast("intake", "accepted tickets/s, " + size.intakeClients() + " clients", closed.perSecond(), "tickets/s", 1000,
                closed.accepted() + " accepted, " + closed.failed() + " failed");
        report.add("intake", "ratio to the raw Kafka producer", closed.perSecond() / kafka, "×", null);
        report.add("intake", "ratio to raw PostgreSQL inserts", closed.perSecond() / postgres, "×", null);
        report.add("intake", "201 → prioritized p99 under that load", closed.prioritizedMicros().getValueAtPercentile(99) / 1000.0, "ms",
                closed.prioritizedMicros().getTotalCount() + " of " + closed.accepted() + " decided");
        Settled afterClosed = settle(platform);
        report.add("intake", "every consumer caught up after the last ticket", afterClosed.seconds(), "s", afterClosed.describe());
        // Until every consumer caught up: the clocks, views and facts those tickets made are part of their cost.
        Map<String, Double> used = PlatformCpu.snapshot(platform).since(cpuBefore);
        if (!used.isEmpty() && closed.accepted() > 0) {
            double msPerTicket = PlatformCpu.msPerTicket(used, closed.accepted());
            double driverMs = (ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(driverBefore).toNanos() / 1e6)
                    / closed.accepted();
            report.add("intake", "platform CPU per accepted ticket", msPerTicket, "ms", "ms per part: " + PlatformCpu.perTicket(used, closed.accepted()));
            int cores = Runtime.getRuntime().availableProcessors();
            report.add("intake", "tickets/s " + cores + " cores could take at that cost", cores * 1000 / msPerTicket, "tickets/s",
                    String.format("if the platform had them to itself; this load driver used %.2f ms per ticket", driverMs));
        }

        for (int rate : size.rates()) {
            System.out.println("Intake → prioritized at " + rate + " tickets/s (open loop)");
            FixedRateLatency.Result r = FixedRateLatency.run(intake, platform.bootstrap(), token, rate, size.rateSeconds());
            String section = "latency @ " + rate + "/s";
            String note = r.accepted() + " of " + r.sent() + " accepted, " + r.prioritizedMicros().getTotalCount() + " decided";
            report.add(section, "due → 201 p50 / p99", ms(r.acceptedMicros(), 50), "ms", "p99 " + fmt(ms(r.acceptedMicros(), 99)) + " ms");
            report.add(section, "due → prioritized p50", ms(r.prioritizedMicros(), 50), "ms", note);
            if (rate == 500) {
                report.atMost(section, "due → prioritized p99", ms(r.prioritizedMicros(), 99), "ms", 50, null);
            } else {
                report.add(section, "due → prioritized p99", ms(r.prioritizedMicros(), 99), "ms", null);
            }
            report.add(section, "due → prioritized p99.9", ms(r.prioritizedMicros(), 99.9), "ms", null);
            // A rate the whole platform keeps up with leaves no backlog behind (SLA clocks, alerts, reporting facts).
            Settled after = settle(platform);
            report.add(section, "every consumer caught up after the last ticket", after.seconds(), "s", after.describe());
        }

        System.out.println("Reporting over " + (history > 0 ? String.format("%,d tickets of new", history) : "the loaded") + " history");
        ReportLoad.Result reports = ReportLoad.run(platform.url("reporting"), platform.token("manager"), history, size.historyDays(),
                size.reportRequests());
        if (reports.sent() > 0) {
            report.add("reporting", "history import", reports.sent() / reports.importSeconds(), "rows/s",
                    String.format("%,d rows, rollups caught up %.0f s later", reports.sent(), reports.rollupSeconds()));
        }
        for (ReportLoad.QueryResult q : reports.queries()) {
            report.atMost("reporting", q.query() + " p99", q.p99Ms(), "ms", 50, "p50 " + fmt(q.p50Ms()) + " ms");
        }

        System.out.println("A P1 alert behind a queue of minor ones");
        settle(platform);
        AlertBacklog.report(report, AlertBacklog.run(platform, size.queuedAlerts()));

        // Timers last: a million clocks and their alerts keep the notifier busy for minutes afterwards.
        System.out.println("SLA timers");
        settle(platform);
        TimerLoad.Result timers = TimerLoad.run(platform, size.openClocks(), size.timerRate(), size.timerSeconds(), size.burst(),
                size.timerLead(), false);
        report.add("timers", "open clocks held", size.openClocks() + timers.expected(), "clocks", null);
        report.atMost("timers", "steady " + size.timerRate() + "/s: firing delay p99", timers.steadyDelayMs().getValueAtPercentile(99), "ms", 500,
                "p50 " + timers.steadyDelayMs().getValueAtPercentile(50) + " ms");
        report.atMost("timers", size.burst() + " deadlines in one second: drained after", timers.burstDrainedSeconds(), "s", 5,
                "p99 delay " + timers.burstDelayMs().getValueAtPercentile(99) + " ms");
        if (size.burst() > 0) {
            report.add("timers", TimerLoad.CRITICAL_IN_BURST + " P1 clocks due at the end of that second: fired after, at most",
                    timers.criticalDelayMs().getMaxValue(), "ms", String.format("%,d of the burst's %,d warnings went out before them",
                            timers.burstBeforeCritical(), size.burst()));
            report.add("timers", "their warning mails: the last accepted by the mail server after", timers.criticalMailedSeconds(), "s",
                    "from their due moment; the burst's mails wait 30 s for their tickets, which the notifier never sees");
        }
        report.atMost("timers", "timers lost", timers.lost(), "", 0, timers.fired() + " of " + timers.expected() + " fired");
        report.add("timers", "sla-monitor resident memory, peak", timers.rssPeakKiB() / 1024.0, "MiB",
                "before " + timers.rssBeforeKiB() / 1024 + " MiB");

        System.out.println("kill -9 of sla-monitor under a steady stream of deadlines");
        settle(platform);
        TimerLoad.Result crash = TimerLoad.run(platform, 0, size.restartRate(), size.restartSeconds(), 0,
                Duration.ofSeconds(5), true);
        report.add("restart", "firing resumed after the kill", crash.resumedAfterSeconds(), "s", "restart included");
        report.atMost("restart", "timers lost", crash.lost(), "", 0, crash.fired() + " of " + crash.expected() + " fired");
        report.atMost("restart", "duplicate alerts after the notifier's dedup", crash.notifierDuplicates(), "", 0,
                crash.notifierDeliveries() + " deliveries, " + crash.redelivered() + " records redelivered");

        String markdown = report.markdown();
        System.out.println();
        System.out.println(markdown);
        Path folder = platform.home().resolve("bench");
        String name = "bench-" + (quick ? "quick-" : "full-") + Instant.now().toString().replace(':', '-');
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(name + ".md"), markdown);
        report.writeJson(folder.resolve(name + ".json"));
        report.writeJson(folder.resolve("latest.json"));
        System.out.println("Written: " + folder.resolve(name + ".md") + " and " + folder.resolve(name + ".json"));
    }

    /** How long {@link #settle} waited, and the consumer group furthest behind when it began. */
    record Settled(double seconds, String slowestGroup, long slowestLag) {
        String describe() {
            return slowestLag == 0 ? "none behind at the end"
                    : String.format("%s %,d records behind at the end", slowestGroup, slowestLag);
        }
    }

    /**
     * Waits (up to two minutes) until every consumer group has caught up, so one phase's backlog is not the next one's
     * latency. Called right after a load, the wait says whether the whole platform, not only intake and the
     * prioritizer, kept up with it (to within the consumers' commit interval, a few seconds).
     */
    static Settled settle(Platform platform) throws Exception {
        long started = System.nanoTime();
        long until = started + Duration.ofMinutes(2).toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap()))) {
            Map<String, Long> behind = lagByGroup(admin);
            Map.Entry<String, Long> slowest = behind.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(Map.entry("", 0L));
            while (behind.values().stream().anyMatch(lag -> lag > 0)) {
                if (System.nanoTime() > until) {
                    System.out.println("  (consumers still behind after 2 min: " + behind + "; going on)");
                    break;
                }
                Thread.sleep(500);
                behind = lagByGroup(admin);
            }
            return new Settled((System.nanoTime() - started) / 1e9, slowest.getKey(), slowest.getValue());
        }
    }

    /** Records each consumer group has yet to commit, over the partitions it reads (dead-letter topics aside). */
    private static Map<String, Long> lagByGroup(Admin admin) throws Exception {
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> positions = new HashMap<>();
            offsets.forEach((tp, om) -> {
                if (om != null && !tp.topic().contains(".dlq.")) {
                    positions.put(tp, om.offset());
                }
            });
            committed.put(group.groupId(), positions);
        }
        Map<TopicPartition, OffsetSpec> latest = committed.values().stream().flatMap(m -> m.keySet().stream()).distinct()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        Map<String, Long> lag = new HashMap<>();
        committed.forEach((group, positions) -> lag.put(group, positions.entrySet().stream()
                .mapToLong(e -> Math.max(0, ends.get(e.getKey()).offset() - e.getValue())).sum()));
        return lag;
    }

    private static double ms(Histogram micros, double percentile) {
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String fmt(double value) {
        return BenchReport.format(value);
    }
}
