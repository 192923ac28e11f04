package org.whiteglove.deploy.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.whiteglove.events.Topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simple intake load: N tickets from C closed-loop clients against a running ticket-intake, then how
 * long each ticket took from its 201 to its TicketOpened on Kafka (the outbox relay's lag). Closed loop,
 * so it measures capacity, not latency at a fixed rate; the benchmark tool does that.
 */
public final class IntakeLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private IntakeLoad() {
    }

    /** What one closed-loop run measured. */
    record Result(int accepted, int failed, double seconds, Histogram requestMicros, Histogram lagMicros,
                  Histogram prioritizedMicros, double drainedSeconds, double decidedSeconds) {
        double perSecond() {
            return accepted / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        int clients = args.length > 4 ? Integer.parseInt(args[4]) : 32;
        Result r = run(args[0], args[1], args[2], args.length > 3 ? Integer.parseInt(args[3]) : 5000, clients);
        System.out.printf("accepted %d tickets (%d failed) in %.1f s: %.0f tickets/s with %d clients%n",
                r.accepted(), r.failed(), r.seconds(), r.perSecond(), clients);
        System.out.printf("request latency ms: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", ms(r.requestMicros(), 50),
                ms(r.requestMicros(), 99), ms(r.requestMicros(), 99.9), r.requestMicros().getMaxValue() / 1000.0);
        System.out.printf("201 -> on Kafka (relay lag) ms: p50 %.1f  p99 %.1f  max %.1f; %d of %d seen, all on Kafka %.1f s after the start%n",
                ms(r.lagMicros(), 50), ms(r.lagMicros(), 99), r.lagMicros().getMaxValue() / 1000.0, r.lagMicros().getTotalCount(),
                r.accepted(), r.drainedSeconds());
        System.out.printf("201 -> prioritized ms: p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f; %d of %d decided, the last %.1f s after the start%n",
                ms(r.prioritizedMicros(), 50), ms(r.prioritizedMicros(), 99), ms(r.prioritizedMicros(), 99.9),
                r.prioritizedMicros().getMaxValue() / 1000.0, r.prioritizedMicros().getTotalCount(), r.accepted(), r.decidedSeconds());
    }

    /** {@code tickets} tickets from {@code clients} clients, each sending its next request when the last is answered. */
    static Result run(String intake, String bootstrap, String token, int tickets, int clients) throws Exception {
        return run(intake, bootstrap, token, tickets, clients, IntakeLoad::body);
    }

    /** As {@link #run}, each ticket's JSON body made by {@code body} from its number. */
    static Result run(String intake, String bootstrap, String token, int tickets, int clients, IntFunction<String> body) throws Exception {
        Map<String, Long> acceptedAt = new ConcurrentHashMap<>();
        Histogram requestMicros = new ConcurrentHistogram(3);
        Histogram lagMicros = new ConcurrentHistogram(3);
        Histogram prioritizedMicros = new ConcurrentHistogram(3);
        ArrivalWatcher watcher = new ArrivalWatcher(bootstrap, Topics.TICKET_EVENTS, acceptedAt, lagMicros);
        ArrivalWatcher decided = new ArrivalWatcher(bootstrap, Topics.TICKET_PRIORITIES, acceptedAt, prioritizedMicros);
        watcher.start();
        decided.start();

        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        long start = System.nanoTime();
        try (IntakeClient http = new IntakeClient(intake, token, clients)) {
            // Each client sends its next ticket when its last one is answered (on the client's event loop).
            for (int c = 0; c < clients; c++) {
                new ClosedLoopClient(http, tickets, body, next, failed, requestMicros, acceptedAt, done).sendNext();
            }
            done.await();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        watcher.awaitAll(acceptedAt.size(), Duration.ofMinutes(2));
        decided.awaitAll(acceptedAt.size(), Duration.ofMinutes(2));
        watcher.stop();
        decided.stop();
        return new Result(acceptedAt.size(), failed.get(), seconds, requestMicros, lagMicros, prioritizedMicros,
                (watcher.lastSeenNanos - start) / 1e9, (decided.lastSeenNanos - start) / 1e9);
    }

    /**
     * The new ticket's id when intake answered 201 with it; otherwise null, the failure counted and, for the first
     * few, said why.
     */
    static String acceptedId(IntakeClient.Answer answer, Throwable error, AtomicInteger failed) {
        Matcher id = error == null ? ID.matcher(answer.body()) : null;
        if (id != null && answer.status() == 201 && id.find()) {
            return id.group(1);
        }
        if (failed.incrementAndGet() <= 5) {
            System.err.println("ticket not accepted: " + (error != null ? error : answer.describe()));
        }
        return null;
    }

    /** One closed-loop client: sends a ticket, and the next one when it is answered, until all are taken. */
    private record ClosedLoopClient(IntakeClient http, int tickets, IntFunction<String> body, AtomicInteger next,
                                    AtomicInteger failed, Histogram requestMicros, Map<String, Long> acceptedAt,
                                    CountDownLatch done) {
        void sendNext() {
            int i = next.getAndIncrement();
            if (i >= tickets) {
                done.countDown();
                return;
            }
            long sent = System.nanoTime();
            CompletableFuture<IntakeClient.Answer> reply;
            try {
                reply = http.open(body.apply(i));
            } catch (RuntimeException e) { // a request that cannot even be made (e.g. a malformed token): this client stops
                failed.incrementAndGet();
                System.err.println("client stopped: " + e);
                done.countDown();
                return;
            }
            reply.whenComplete((answer, error) -> {
                try {
                    long answered = System.nanoTime();
                    requestMicros.recordValue((answered - sent) / 1000);
                    String id = acceptedId(answer, error, failed);
                    if (id != null) {
                        acceptedAt.put(id, answered);
                    }
                } finally {
                    sendNext();
                }
            });
        }
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    static String body(int i) {
        return body(i, List.of("EXTENSIVE", "SIGNIFICANT", "MODERATE", "MINOR").get(i % 4), List.of("CRITICAL", "HIGH", "MEDIUM", "LOW").get(i / 4 % 4));
    }

    private static String body(int i, String impact, String urgency) {
        return """
                {"requester": {"name": "Load %d", "email": "load-%d@example.org"},
                 "subject": "Load ticket %d", "description": "generated by deploy/whiteglove load-intake",
                 "impact": "%s", "urgency": "%s", "channel": "API"}
                """.formatted(i, i, i, impact, urgency);
    }

    /**
     * A MINOR/LOW ticket (P5: 16 business hours to respond): the same path through every service, but its
     * warnings and breaches fall long after a bench, so a warm-up does not mail the later phases' CPU away (a P1's
     * first warning comes 11 minutes after it opens).
     */
    static String quietBody(int i) {
        return body(i, "MINOR", "LOW");
    }

    /**
     * Reads a topic from its current end and notes when each watched ticket first appears. Lags are
     * computed at the end, so a record that arrives before its client has read the 201 counts as no lag.
     */
    static final class ArrivalWatcher implements Runnable {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Long> startedAt;
        private final Histogram lagMicros;
        private final Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        private final Thread thread = new Thread(this, "arrival-watcher");
        private volatile boolean running = true;
        long lastSeenNanos;

        ArrivalWatcher(String bootstrap, String topic, Map<String, Long> startedAt, Histogram lagMicros) {
            this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new StringDeserializer(), new ByteArrayDeserializer());
            this.startedAt = startedAt;
            this.lagMicros = lagMicros;
            thread.setDaemon(true); // a load that fails midway must not leave the tool running
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
        }

        void start() {
            thread.start();
        }

        @Override
        public void run() {
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                    arrivedAt.putIfAbsent(r.key(), System.nanoTime());
                }
            }
            consumer.close();
        }

        /** Waits until {@code expected} watched tickets have arrived, then fills the histogram and lastSeenNanos. */
        void awaitAll(int expected, Duration timeout) throws InterruptedException {
            long until = System.nanoTime() + timeout.toNanos();
            while (arrived() < expected && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            lagMicros.reset();
            startedAt.forEach((id, started) -> {
                Long arrived = arrivedAt.get(id);
                if (arrived != null) {
                    lagMicros.recordValue(Math.max(0, arrived - started) / 1000);
                    lastSeenNanos = Math.max(lastSeenNanos, arrived);
                }
            });
        }

        private long arrived() {
            return startedAt.keySet().stream().filter(arrivedAt::containsKey).count();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
