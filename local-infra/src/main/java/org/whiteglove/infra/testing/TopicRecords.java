package org.whiteglove.infra.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads a topic from its beginning, as a test checks what a service really published. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /**
     * Waits until {@code count} records matching {@code filter} are on {@code topic}, then returns all
     * matching records seen (possibly more than {@code count}, so tests can assert there is no duplicate).
     */
    public static List<ConsumerRecord<String, byte[]>> await(String bootstrapServers, String topic,
                                                             Predicate<ConsumerRecord<String, byte[]>> filter,
                                                             int count, Duration timeout) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, byte[]>> matching = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (filter.test(record)) {
                        matching.add(record);
                    }
                }
                if (matching.size() >= count && quietUntil == Long.MAX_VALUE) {
                    // Read on briefly so that a duplicate behind the expected records is seen too.
                    quietUntil = System.nanoTime() + Duration.ofSeconds(1).toNanos();
                }
            }
            if (matching.size() < count) {
                throw new AssertionError("expected " + count + " records on " + topic + ", found " + matching.size());
            }
            return matching;
        }
    }

    /** The value of a record header, or null. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
