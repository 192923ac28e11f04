package org.whiteglove.runtime.inbox;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.whiteglove.events.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Puts a record a consumer cannot process on {@code <topic>.dlq.<consumer>}, with the reason in headers
 * (the same headers SmallRye's dead-letter strategy writes). Used by batch consumers, which must set one
 * record aside without failing the rest. It retries until the broker has the record: a record is never
 * dropped because the dead-letter topic was briefly unreachable.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaProducer<String, byte[]> producer;

    private volatile boolean closed;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.CLIENT_ID_CONFIG, "dead-letters"), new StringSerializer(), new ByteArraySerializer());
    }

    public void send(String consumer, ConsumerRecord<String, byte[]> record, Throwable reason) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.deadLetter(record.topic(), consumer), record.key(), record.value());
        for (Header h : record.headers()) {
            dead.headers().add(h);
        }
        dead.headers().add(header("dead-letter-reason", String.valueOf(reason)));
        dead.headers().add(header("dead-letter-topic", record.topic()));
        dead.headers().add(header("dead-letter-partition", String.valueOf(record.partition())));
        dead.headers().add(header("dead-letter-offset", String.valueOf(record.offset())));
        long backoff = 100;
        while (true) {
            if (closed) {
                // Shutting down: the record's offset is not committed, so it comes again after the restart.
                throw new IllegalStateException("shutting down; " + record.topic() + "-" + record.partition() + "@" + record.offset()
                        + " is read again after the restart");
            }
            try {
                producer.send(dead).get();
                LOG.warnf("%s-%d@%d set aside on %s: %s", record.topic(), record.partition(), record.offset(), dead.topic(), reason);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while setting a record aside", e);
            } catch (Exception e) {
                LOG.warnf("dead-letter topic unreachable (%s); retrying in %d ms", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    void close(@Observes ShutdownEvent shutdown) {
        closed = true;
        producer.close(Duration.ofSeconds(2));
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
