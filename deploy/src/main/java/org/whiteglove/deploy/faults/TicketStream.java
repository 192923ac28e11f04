package org.whiteglove.deploy.faults;

import org.whiteglove.deploy.check.Platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tickets at a steady rate while a fault happens, as an integrator's intake would send them: each a MINOR × LOW
 * (P5) REST ticket with its own Idempotency-Key, retried with the same key when the answer is not a 201 (so a
 * retry after a crash is the same ticket, never a second one). Only answered 201s count as accepted.
 */
final class TicketStream implements AutoCloseable {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private final Platform platform;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** In the order accepted; a replayed 200 names the same ticket again. Guarded by itself. */
    private final Set<String> accepted = new LinkedHashSet<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final Thread sender;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private volatile boolean running = true;
    final Instant started = Instant.now();

    TicketStream(Platform platform, int perSecond) {
        this.platform = platform;
        this.sender = new Thread(() -> send(perSecond), "fault-ticket-stream");
        sender.start();
    }

    private void send(int perSecond) {
        String token = platform.token("intake");
        long every = 1_000_000_000L / perSecond;
        long next = System.nanoTime();
        for (int i = 0; running; i++) {
            String key = "fault-" + run + "-" + i;
            // Retried with the same key until accepted (or the stream stops): what a careful integrator does.
            while (running && !accept(key, token, i)) {
                refused.incrementAndGet();
                sleep(500_000_000L);
            }
            next += every;
            sleep(next - System.nanoTime());
        }
    }

    private boolean accept(String key, String token, int i) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(platform.url("ticket-intake") + "/api/tickets"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("Idempotency-Key", key).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"requester": {"name": "Fault %d", "email": "fault-%s@example.org"}, "subject": "Fault-run ticket %d",
                             "impact": "MINOR", "urgency": "LOW", "channel": "API"}""".formatted(i, key, i))).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher id = ID.matcher(r.body());
            if ((r.statusCode() == 201 || r.statusCode() == 200) && id.find()) {
                synchronized (accepted) {
                    accepted.add(id.group(1));
                }
                return true;
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static void sleep(long nanos) {
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    List<String> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    int refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join();
    }
}
