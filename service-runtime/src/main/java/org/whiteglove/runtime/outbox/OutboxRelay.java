package org.whiteglove.runtime.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.whiteglove.events.CloudEventHeaders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends outbox rows to Kafka in id order and deletes them once the broker has them ({@code acks=all},
 * idempotent producer). One relay per service database is active at a time (a PostgreSQL advisory
 * lock), so per-aggregate order holds with several instances. While Kafka or the database is away it
 * retries with backoff; the rows simply wait. Delivery is at least once (a batch that failed half-way
 * is sent again); consumers deduplicate by {@code ce_id}.
 *
 * <p>A plain Kafka producer rather than a SmallRye emitter: the relay must know, batch by batch,
 * that the broker has every record before it deletes rows, and must keep nothing buffered outside
 * the database while the broker is down.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** Any fixed number: each service has its own database, so the lock is per service. */
    private static final long LEADER_LOCK = 0x5768697465676cL;

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final String bootstrapServers;
    private final Semaphore wakeUp = new Semaphore(0);
    private final AtomicLong oldestPendingMillis = new AtomicLong();
    private final Counter published;
    private volatile boolean running;
    private Thread thread;
    private KafkaProducer<String, byte[]> producer;
    private Connection leaderConnection;

    public OutboxRelay(AgroalDataSource dataSource, OutboxConfig config, MeterRegistry metrics,
                       @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.dataSource = dataSource;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
        this.published = metrics.counter("whiteglove.outbox.published");
        metrics.gauge("whiteglove.outbox.oldest.pending.seconds", oldestPendingMillis, v -> v.get() / 1000.0);
    }

    void start(@Observes @Priority(10) StartupEvent startup) {
        if (!config.enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            wake();
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Called after a commit that wrote outbox rows: publish now rather than at the next poll. */
    public void wake() {
        wakeUp.release();
    }

    private void run() {
        long backoffMillis = 100;
        while (running) {
            try {
                if (!leading()) {
                    sleep(config.pollInterval().toMillis() * 2);
                    continue;
                }
                int sent = relayOneBatch();
                backoffMillis = 100;
                if (sent == 0) {
                    wakeUp.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wakeUp.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception e) {
                LOG.warnf("outbox relay: %s; retrying in %d ms (the events wait in the database)", e, backoffMillis);
                closeProducer();
                resignLeadership();
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, config.maxBackoff().toMillis());
            }
        }
        closeProducer();
        resignLeadership();
    }

    private int relayOneBatch() throws Exception {
        List<Long> ids = new ArrayList<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        Instant oldest = null;
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT id, topic, message_key, event_id, event_type,"
                     + " event_source, event_time, payload, tombstone, created_at FROM whiteglove_runtime.outbox ORDER BY id LIMIT ?")) {
            select.setInt(1, config.batchSize());
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (oldest == null) {
                        oldest = rs.getTimestamp("created_at").toInstant();
                    }
                    boolean tombstone = rs.getBoolean("tombstone");
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString("topic"), null,
                            rs.getString("message_key"), tombstone ? null : rs.getBytes("payload"));
                    if (!tombstone) {
                        CloudEventHeaders headers = new CloudEventHeaders(rs.getString("event_id"), rs.getString("event_type"),
                                rs.getString("event_source"), rs.getTimestamp("event_time").toInstant());
                        for (Map.Entry<String, byte[]> h : headers.toKafkaHeaders().entrySet()) {
                            record.headers().add(new RecordHeader(h.getKey(), h.getValue()));
                        }
                    }
                    sends.add(producer().send(record));
                    ids.add(rs.getLong("id"));
                }
            }
            oldestPendingMillis.set(oldest == null ? 0 : Duration.between(oldest, Instant.now()).toMillis());
            if (ids.isEmpty()) {
                return 0;
            }
            producer().flush();
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
            // Exactly the ids sent: a row with a lower id may commit after this read and must not be lost.
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM whiteglove_runtime.outbox WHERE id = ANY (?)")) {
                delete.setArray(1, c.createArrayOf("bigint", ids.toArray()));
                delete.executeUpdate();
            }
        }
        published.increment(ids.size());
        return ids.size();
    }

    /** True while this instance holds the service's relay lock (taken on a connection kept for it). */
    private boolean leading() throws SQLException {
        if (leaderConnection != null) {
            return true;
        }
        Connection c = dataSource.getConnection();
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, LEADER_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    leaderConnection = c;
                    return true;
                }
            }
        }
        c.close();
        return false;
    }

    private void resignLeadership() {
        if (leaderConnection != null) {
            // Unlock explicitly: close() only hands the connection back to the pool, whose session would keep the
            // lock, and the next leading() on another pooled connection would never get it (the relay stalled
            // for good after the first Kafka error).
            try (PreparedStatement unlock = leaderConnection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, LEADER_LOCK);
                unlock.execute();
            } catch (SQLException ignored) {
                // A broken connection is discarded by the pool, and its session's lock ends with it.
            }
            try {
                leaderConnection.close();
            } catch (SQLException ignored) {
                // as above
            }
            leaderConnection = null;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                    ProducerConfig.LINGER_MS_CONFIG, 1,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                    ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay" + config.source().replace('/', '-')),
                    new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(2));
            producer = null;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
