package org.whiteglove.deploy.bench;

import org.whiteglove.deploy.check.Platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time the platform's processes used (Linux {@code /proc}), per part: each service JVM, Kafka, the SMTP server,
 * and PostgreSQL with all its backends. The difference of two snapshots over a load, divided by its tickets, is
 * the platform's CPU cost per ticket: unlike tickets per second it does not depend on what else the machine did
 * meanwhile (the load driver included), so runs on a drifting machine compare.
 */
final class PlatformCpu {

    /** Clock ticks per second of /proc's counters: USER_HZ, 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    /** CPU-seconds per part at one moment. */
    record Snapshot(Map<String, Double> seconds) {

        /** What each part used since {@code earlier}, in CPU-seconds. */
        Map<String, Double> since(Snapshot earlier) {
            Map<String, Double> used = new LinkedHashMap<>();
            seconds.forEach((part, s) -> used.put(part, s - earlier.seconds().getOrDefault(part, s)));
            return used;
        }
    }

    private PlatformCpu() {
    }

    static Snapshot snapshot(Platform platform) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        List<String> parts = new ArrayList<>(Platform.SERVICES);
        parts.addAll(List.of("kafka", "smtp"));
        for (String part : parts) {
            long pid = platform.pid(part);
            if (pid > 0) {
                seconds.put(part, ticks(pid, true) / TICKS_PER_SECOND);
            }
        }
        try {
            long server = platform.postgresServerPid();
            // The server's own counters include the backends it has reaped (cutime, cstime); the live ones are added.
            long total = ticks(server, true);
            for (long backend : childrenOf(server)) {
                total += ticks(backend, false);
            }
            seconds.put("postgres", total / TICKS_PER_SECOND);
        } catch (IOException e) {
            // not running: no PostgreSQL figure
        }
        return new Snapshot(seconds);
    }

    /** The whole platform's CPU per ticket, in ms. */
    static double msPerTicket(Map<String, Double> used, long tickets) {
        return used.values().stream().mapToDouble(Double::doubleValue).sum() * 1000 / tickets;
    }

    /** "postgres 1.42, sla-monitor 0.86, …" ms per ticket, largest first. */
    static String perTicket(Map<String, Double> used, long tickets) {
        return used.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0)
                .map(e -> String.format("%s %.2f", e.getKey(), e.getValue() * 1000 / tickets))
                .collect(Collectors.joining(", "));
    }

    /** utime + stime (fields 14, 15 of /proc/PID/stat), with the reaped children's when asked; 0 for a gone process. */
    private static long ticks(long pid, boolean withReapedChildren) {
        String[] f = statFields(pid);
        if (f == null) {
            return 0;
        }
        // Fields after the command name, which may hold spaces: f[0] is field 3 (state), so field n is f[n - 3].
        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
        return withReapedChildren ? own + Long.parseLong(f[13]) + Long.parseLong(f[14]) : own;
    }

    private static List<Long> childrenOf(long parent) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong)
                    .filter(pid -> {
                        String[] f = statFields(pid);
                        return f != null && Long.parseLong(f[1]) == parent;
                    })
                    .toList();
        }
    }

    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
