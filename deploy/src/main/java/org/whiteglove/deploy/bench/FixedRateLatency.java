package org.whiteglove.deploy.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.whiteglove.deploy.check.Platform;
import org.whiteglove.events.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Intake → prioritized at a fixed arrival rate (open loop): ticket i is due at start + i/rate whatever happened to
 * the ones before, sent without waiting for earlier answers, and its latency is counted from that due moment — not
 * from when it was actually sent — so a stall shows in the percentiles instead of hiding as fewer requests
 * (coordinated omission). The end is the ticket's TicketPrioritized on Kafka, as a consumer sees it.
 */
final class FixedRateLatency {

    record Result(int rate, int sent, int accepted, int failed, Histogram acceptedMicros, Histogram prioritizedMicros,
                  double achievedRate) {
    }

    private static final int MAX_IN_FLIGHT = 256;

    private FixedRateLatency() {
    }

    /**
     * {@code deploy/whiteglove load-rate RATE SECONDS [--quiet]}: one fixed-rate phase, then how long the consumers
     * took to catch up and what the platform's CPU cost per ticket was. {@code --quiet}: P5 tickets only, whose
     * alerts fall long after the run (the default mix's P1 warnings start 11 minutes in).
     */
    public static void main(String[] args) throws Exception {
        int rate = Integer.parseInt(args[0]);
        int seconds = Integer.parseInt(args[1]);
        IntFunction<String> body = List.of(args).contains("--quiet") ? IntakeLoad::quietBody : IntakeLoad::body;
        Platform platform = Platform.fromEnvironment();
        Bench.settle(platform);
        PlatformCpu.Snapshot before = PlatformCpu.snapshot(platform);
        Result r = run(platform.url("ticket-intake"), platform.bootstrap(), platform.token("intake"), rate, seconds, body);
        Bench.Settled after = Bench.settle(platform);
        Map<String, Double> used = PlatformCpu.snapshot(platform).since(before);
        System.out.printf("%,d of %,d accepted (%.0f/s sent), %,d decided%n", r.accepted(), r.sent(), r.achievedRate(),
                r.prioritizedMicros().getTotalCount());
        System.out.printf("due → 201         p50 %.1f ms, p99 %.1f ms%n", r.acceptedMicros().getValueAtPercentile(50) / 1000.0,
                r.acceptedMicros().getValueAtPercentile(99) / 1000.0);
        System.out.printf("due → prioritized p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms%n",
                r.prioritizedMicros().getValueAtPercentile(50) / 1000.0, r.prioritizedMicros().getValueAtPercentile(99) / 1000.0,
                r.prioritizedMicros().getValueAtPercentile(99.9) / 1000.0);
        System.out.printf("every consumer caught up %.1f s after the last ticket (%s)%n", after.seconds(), after.describe());
        if (r.accepted() > 0) {
            System.out.printf("platform CPU per ticket %.2f ms (%s)%n", PlatformCpu.msPerTicket(used, r.accepted()),
                    PlatformCpu.perTicket(used, r.accepted()));
        }
    }

    static Result run(String intake, String bootstrap, String token, int rate, int seconds) throws Exception {
        return run(intake, bootstrap, token, rate, seconds, IntakeLoad::body);
    }

    static Result run(String intake, String bootstrap, String token, int rate, int seconds, IntFunction<String> body) throws Exception {
        Map<String, Long> dueAt = new ConcurrentHashMap<>();
        Histogram acceptedMicros = new ConcurrentHistogram(3);
        Histogram prioritizedMicros = new ConcurrentHistogram(3);
        IntakeLoad.ArrivalWatcher decided = new IntakeLoad.ArrivalWatcher(bootstrap, Topics.TICKET_PRIORITIES, dueAt, prioritizedMicros);
        decided.start();
        AtomicInteger failed = new AtomicInteger();
        int total = rate * seconds;
        CompletableFuture<?>[] answers = new CompletableFuture<?>[total];
        // At most this many requests in flight (connections are file descriptors); a request that waits for a
        // slot still counts its latency from its due moment, so the bound hides nothing.
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        double sendSeconds;
        try (IntakeClient http = new IntakeClient(intake, token, MAX_IN_FLIGHT)) {
            long start = System.nanoTime() + 100_000_000L;
            for (int i = 0; i < total; i++) {
                long due = start + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                inFlight.acquireUninterruptibly();
                answers[i] = http.open(body.apply(i))
                        .handle((answer, error) -> {
                            inFlight.release();
                            long answered = System.nanoTime();
                            String id = IntakeLoad.acceptedId(answer, error, failed);
                            if (id != null) {
                                acceptedMicros.recordValue(Math.max(0, answered - due) / 1000);
                                dueAt.put(id, due);
                            }
                            return null;
                        });
            }
            sendSeconds = (System.nanoTime() - start) / 1e9;
            CompletableFuture.allOf(answers).join();
        }
        decided.awaitAll(dueAt.size(), Duration.ofMinutes(2));
        decided.stop();
        return new Result(rate, total, dueAt.size(), failed.get(), acceptedMicros, prioritizedMicros, total / sendSeconds);
    }
}
