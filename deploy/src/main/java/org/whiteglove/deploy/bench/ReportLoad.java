package org.whiteglove.deploy.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.whiteglove.deploy.check.Api;
import org.whiteglove.events.HistoryCsv;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reporting over a long history: synthetic tickets (spread over DAYS days up to yesterday, realistic mixes of
 * channel, priority, VIP share, outcomes and a small open backlog) loaded through reporting's bulk path
 * (CSV, in chunks, into COPY), then every report asked REQUESTS times one after another, timed end to end over
 * HTTP (HdrHistogram). Each request waits for the previous answer, so there is no coordinated omission to
 * correct: there is no schedule to fall behind.
 */
public final class ReportLoad {

    private static final String HEADER = HistoryCsv.HEADER + "\n";
    private static final int CHUNK = 200_000;
    private static final String[] CHANNELS = {"PHONE", "PHONE", "PHONE", "PHONE", "EMAIL", "EMAIL", "EMAIL", "WEB", "WEB", "API"};
    private static final String[] PRIORITIES = {"P1", "P2", "P2", "P3", "P3", "P3", "P3", "P4", "P4", "P5"};
    private static final String[] QUEUES = {"service-desk", "service-desk", "network", "applications"};
    private static final long[] RESPONSE_TARGET_S = {900, 1800, 4 * 3600, 8 * 3600, 16 * 3600};
    private static final long[] RESOLUTION_TARGET_S = {4 * 3600, 8 * 3600, 24 * 3600, 40 * 3600, 80 * 3600};

    private ReportLoad() {
    }

    record QueryResult(String query, int requests, double p50Ms, double p99Ms, double maxMs, int rows) {
    }

    record Result(long sent, long imported, double importSeconds, double rollupSeconds, List<QueryResult> queries) {
    }

    public static void main(String[] args) throws Exception {
        Result r = run(args[0], args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        if (r.sent() > 0) {
            System.out.printf("history: %,d tickets sent, %,d new, over %s days; import %.1f s (%,.0f rows/s)%n",
                    r.sent(), r.imported(), args[3], r.importSeconds(), r.sent() / r.importSeconds());
            System.out.printf("rollups caught up %.1f s after the import%n", r.rollupSeconds());
        }
        System.out.println();
        System.out.println("| report query | requests | p50 ms | p99 ms | max ms | rows |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (QueryResult q : r.queries()) {
            System.out.printf("| %s | %d | %.1f | %.1f | %.1f | %d |%n", q.query(), q.requests(), q.p50Ms(), q.p99Ms(), q.maxMs(), q.rows());
        }
    }

    /** Loads {@code tickets} of history over {@code days} days (none when 0), waits for the rollups, then times every report. */
    static Result run(String reporting, String token, int tickets, int days, int requests) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long imported = 0;
        double loadSeconds = 0;
        double rollupSeconds = 0;
        if (tickets > 0) {
            long started = System.nanoTime();
            imported = load(http, reporting, token, tickets, days);
            loadSeconds = (System.nanoTime() - started) / 1e9;
            long rollupStarted = System.nanoTime();
            // Until every imported hour is rolled up. Not until nothing is pending: while earlier phases' tickets
            // still raise alerts, the current hour is dirty again and again (this wait never ended).
            Instant historyEnd = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
            for (Instant oldest = oldestPendingHour(http, reporting, token); oldest != null && oldest.isBefore(historyEnd);
                 oldest = oldestPendingHour(http, reporting, token)) {
                Thread.sleep(500);
            }
            rollupSeconds = (System.nanoTime() - rollupStarted) / 1e9;
        }

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String month = "from=" + today.minusDays(29) + "&to=" + today;
        String year = "from=" + today.minusDays(364) + "&to=" + today;
        Map<String, String> queries = new LinkedHashMap<>();
        queries.put("sla-compliance 30 d by vip", "sla-compliance?" + month + "&groupBy=vip");
        queries.put("sla-compliance 365 d by month,priority", "sla-compliance?" + year + "&groupBy=month,priority");
        queries.put("volume 30 d by day,channel", "volume?" + month + "&groupBy=day,channel");
        queries.put("response-times 30 d by vip", "response-times?" + month + "&groupBy=vip");
        queries.put("response-times 365 d by month", "response-times?" + year + "&groupBy=month");
        queries.put("backlog all by vip", "backlog?groupBy=vip");
        queries.put("vip-impact 30 d by day", "vip-impact?" + month);
        queries.put("vip-impact 365 d by week", "vip-impact?" + year + "&groupBy=week");
        queries.put("after-hours 30 d by tier", "after-hours?" + month + "&groupBy=tier");
        queries.put("volume 7 d by hour (hour rollups)", "volume?from=" + today.minusDays(6) + "T00:00:00Z&to=" + today.plusDays(1) + "T00:00:00Z&groupBy=hour");

        List<QueryResult> results = new ArrayList<>();
        for (Map.Entry<String, String> query : queries.entrySet()) {
            Histogram latency = new Histogram(60_000_000_000L, 3);
            int rows = 0;
            for (int i = 0; i < requests + 20; i++) {
                long start = System.nanoTime();
                HttpResponse<String> response = http.send(get(reporting + "/api/reports/" + query.getValue(), token),
                        HttpResponse.BodyHandlers.ofString());
                long took = System.nanoTime() - start;
                if (response.statusCode() != 200) {
                    throw new IllegalStateException(query.getKey() + ": HTTP " + response.statusCode() + " " + response.body());
                }
                if (i >= 20) {
                    latency.recordValue(took);
                }
                rows = response.body().split("\\},\\{").length;
            }
            results.add(new QueryResult(query.getKey(), requests, latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, rows));
        }
        return new Result(tickets, imported, loadSeconds, rollupSeconds, results);
    }

    private static long load(HttpClient http, String reporting, String token, int tickets, int days) throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        Instant end = LocalDate.now(ZoneOffset.UTC).atStartOfDay().toInstant(ZoneOffset.UTC);
        Instant start = end.minus(Duration.ofDays(days));
        long spanSeconds = Duration.between(start, end).toSeconds();
        String run = Long.toString(System.currentTimeMillis(), 36);
        long imported = 0;
        for (int from = 0; from < tickets; from += CHUNK) {
            ByteArrayOutputStream csv = new ByteArrayOutputStream(CHUNK * 200);
            csv.writeBytes(HEADER.getBytes(StandardCharsets.US_ASCII));
            StringBuilder line = new StringBuilder(256);
            for (int n = from; n < Math.min(tickets, from + CHUNK); n++) {
                line.setLength(0);
                row(line, "S-" + run + "-" + n, start.plusSeconds(random.nextLong(spanSeconds)), end, random);
                csv.writeBytes(line.toString().getBytes(StandardCharsets.US_ASCII));
            }
            HttpRequest post = HttpRequest.newBuilder(URI.create(reporting + "/api/history"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                    .timeout(Duration.ofMinutes(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(csv.toByteArray())).build();
            HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("history import: HTTP " + response.statusCode() + " " + response.body());
            }
            String body = response.body();
            imported += Long.parseLong(body.replaceAll(".*\"imported\":(\\d+).*", "$1"));
        }
        return imported;
    }

    /** One synthetic ticket: 3 % VIP, ~92 % of responses in time (VIP 97 %), a week's worth of open backlog. */
    private static void row(StringBuilder line, String id, Instant opened, Instant end, SplittableRandom random) {
        String channel = CHANNELS[random.nextInt(CHANNELS.length)];
        boolean vip = random.nextInt(100) < 3;
        boolean claimRejected = !vip && random.nextInt(200) == 0;
        int p = vip ? Math.max(0, random.nextInt(PRIORITIES.length) / 2) : random.nextInt(PRIORITIES.length);
        String priority = PRIORITIES[p];
        int level = priority.charAt(1) - '1';
        long responseS = (long) (RESPONSE_TARGET_S[level] * Math.exp(random.nextGaussian() * 0.6 - (vip ? 1.2 : 0.7)));
        long resolutionS = Math.max(responseS + 60, (long) (RESOLUTION_TARGET_S[level] * Math.exp(random.nextGaussian() * 0.5 - (vip ? 1.0 : 0.5))));
        Instant responded = opened.plusSeconds(responseS);
        Instant resolved = opened.plusSeconds(resolutionS);
        boolean open = resolved.isAfter(end) || Duration.between(opened, end).toDays() < 7 && random.nextInt(10) == 0;
        boolean responseBreached = responseS > RESPONSE_TARGET_S[level];
        boolean resolutionBreached = resolutionS > RESOLUTION_TARGET_S[level];
        line.append(id).append(',').append(opened).append(',').append(channel).append(',').append(priority).append(',')
                .append(vip ? "vip-desk" : QUEUES[random.nextInt(QUEUES.length)]).append(',')
                .append(vip ? (random.nextBoolean() ? "EXECUTIVE" : "BOARD") : "").append(',')
                .append(vip ? "VIP" : claimRejected ? "CLAIM_REJECTED" : "NONE").append(',')
                .append(open ? "IN_PROGRESS" : "CLOSED").append(',');
        boolean hasResponse = responded.isBefore(end);
        line.append(hasResponse ? responded.toString() : "").append(',')
                .append(open ? "" : resolved.toString()).append(',')
                .append(open ? "" : resolved.plus(1, ChronoUnit.DAYS).toString()).append(',')
                .append(hasResponse ? String.valueOf(!responseBreached) : "").append(',')
                .append(hasResponse ? String.valueOf(responseS * 1000 * 2 / 3) : "").append(',')
                .append(responseBreached).append(',')
                .append(open ? "" : String.valueOf(!resolutionBreached)).append(',')
                .append(open ? "" : String.valueOf(resolutionS * 1000 / 2)).append(',')
                .append(!open && resolutionBreached).append(',')
                .append(channel.equals("PHONE") ? String.valueOf(5_000 + random.nextInt(vip ? 20_000 : 90_000)) : "").append(',')
                .append(resolutionBreached ? 1 : 0).append('\n');
    }

    /** The oldest opened hour not yet rolled up, null when none. */
    private static Instant oldestPendingHour(HttpClient http, String reporting, String token) throws Exception {
        String body = http.send(get(reporting + "/api/history/freshness", token), HttpResponse.BodyHandlers.ofString()).body();
        JsonNode oldest = Api.json().readTree(body).get("oldestPendingHour");
        return oldest == null || oldest.isNull() ? null : Instant.parse(oldest.asText());
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(60)).GET().build();
    }
}
