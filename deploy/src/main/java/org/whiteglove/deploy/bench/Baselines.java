package org.whiteglove.deploy.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.whiteglove.deploy.check.Platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the machine gives without Whiteglove, measured in the same run: a raw Kafka producer on the same broker
 * (1 KiB records, acks=all, idempotent, as the outbox relays produce) and raw PostgreSQL inserts (one row per
 * committed transaction from several connections, as intake commits a ticket).
 */
final class Baselines {

    static final String TOPIC = "bench.baseline";

    private Baselines() {
    }

    /** Records per second a plain producer gets acknowledged by all in-sync replicas. */
    static double kafkaProducer(Platform platform, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 6, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        byte[] value = new byte[1024];
        java.util.Arrays.fill(value, (byte) 'x');
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrap(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            long start = System.nanoTime();
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k-" + i, value), (m, e) -> {
                    if (e != null) {
                        failure.set(e);
                    }
                });
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw failure.get();
            }
            return records / seconds;
        }
    }

    /** Rows per second, each INSERT its own committed transaction, from {@code connections} connections. */
    static double postgresInsert(Platform platform, int rows, int connections) throws Exception {
        try (Connection db = platform.database("ticket-intake"); Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_baseline (id uuid PRIMARY KEY, body jsonb NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now())");
        }
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        String body = "{\"subject\":\"" + "x".repeat(900) + "\"}";
        Thread[] threads = new Thread[connections];
        long start = System.nanoTime();
        for (int t = 0; t < connections; t++) {
            threads[t] = new Thread(() -> {
                try (Connection db = platform.database("ticket-intake");
                     PreparedStatement insert = db.prepareStatement("INSERT INTO bench_baseline (id, body) VALUES (?, ?::jsonb)")) {
                    while (next.getAndIncrement() < rows) {
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, body);
                        insert.executeUpdate();
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        try (Connection db = platform.database("ticket-intake"); Statement s = db.createStatement()) {
            s.execute("DROP TABLE bench_baseline");
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return rows / seconds;
    }
}
