package org.whiteglove.deploy.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one benchmark run: each a section, a measure, a value with its unit, and where the
 * issue sets a goal, the goal and whether it was met. Printed as a markdown table, written as JSON.
 */
public final class BenchReport {

    /** @param goal e.g. "≥ 1000" or "≤ 50", null when there is none; met is null without a goal */
    public record Figure(String section, String measure, double value, String unit, String goal, Boolean met, String note) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final String mode;
    private final Instant started = Instant.now();

    public BenchReport(String mode) {
        this.mode = mode;
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("java", System.getProperty("java.version"));
        machine.put("memoryKiB", memTotalKiB());
    }

    public synchronized void add(String section, String measure, double value, String unit, String note) {
        figures.add(new Figure(section, measure, value, unit, null, null, note));
        System.out.printf("  %s · %s: %s %s%s%n", section, measure, format(value), unit, note == null ? "" : " (" + note + ")");
    }

    /** A figure with a goal that is met when the value is at most {@code limit}. */
    public void atMost(String section, String measure, double value, String unit, double limit, String note) {
        goal(section, measure, value, unit, "≤ " + format(limit), value <= limit, note);
    }

    /** A figure with a goal that is met when the value is at least {@code limit}. */
    public void atLeast(String section, String measure, double value, String unit, double limit, String note) {
        goal(section, measure, value, unit, "≥ " + format(limit), value >= limit, note);
    }

    private synchronized void goal(String section, String measure, double value, String unit, String goal, boolean met, String note) {
        figures.add(new Figure(section, measure, value, unit, goal, met, note));
        System.out.printf("  %s · %s: %s %s (goal %s: %s)%s%n", section, measure, format(value), unit, goal,
                met ? "met" : "NOT met", note == null ? "" : " (" + note + ")");
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    public synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("Whiteglove bench (").append(mode).append(") ").append(started).append(", ").append(machine.get("cores"))
                .append(" cores, ").append((Long) machine.get("memoryKiB") / 1024 / 1024).append(" GiB, Java ")
                .append(machine.get("java")).append("\n\n");
        out.append("| section | measure | value | goal | |\n|---|---|---:|---|---|\n");
        for (Figure f : figures) {
            out.append("| ").append(f.section()).append(" | ").append(f.measure())
                    .append(f.note() == null ? "" : " (" + f.note() + ")").append(" | ")
                    .append(format(f.value())).append(' ').append(f.unit()).append(" | ")
                    .append(f.goal() == null ? "" : f.goal()).append(" | ")
                    .append(f.met() == null ? "" : f.met() ? "met" : "**not met**").append(" |\n");
        }
        return out.toString();
    }

    public synchronized void writeJson(Path file) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("mode", mode);
        root.put("started", started.toString());
        root.put("finished", Instant.now().toString());
        root.put("machine", machine);
        root.put("figures", figures);
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
    }

    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format("%,d", (long) value);
        }
        if (Math.abs(value) >= 100) {
            return String.format("%,.0f", value);
        }
        return Math.abs(value) >= 1 ? String.format("%.2f", value) : String.format("%.3g", value); // ratios: 0.00289
    }

    private static long memTotalKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
