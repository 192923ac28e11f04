package org.whiteglove.deploy.faults;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.whiteglove.deploy.check.Platform;
import org.whiteglove.events.EventType;
import org.whiteglove.events.Topics;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An undeserializable record on every topic (CloudEvents headers of a real event type, a body that is not its
 * JSON): each consumer of the topic must move it to its own dead-letter topic and go on with the partition.
 */
final class Garbage {

    /** Who consumes each topic (ARCHITECTURE.md's map). */
    static final Map<String, List<String>> CONSUMERS = new LinkedHashMap<>();

    static {
        CONSUMERS.put(Topics.TICKET_EVENTS, List.of("prioritizer", "sla-monitor", "notifier", "reporting"));
        CONSUMERS.put(Topics.TICKET_PRIORITIES, List.of("sla-monitor", "notifier", "reporting"));
        CONSUMERS.put(Topics.SLA_EVENTS, List.of("notifier", "reporting"));
        CONSUMERS.put(Topics.NOTIFICATION_EVENTS, List.of("reporting"));
        CONSUMERS.put(Topics.VIP_REGISTRY, List.of("prioritizer", "reporting"));
    }

    /** A real event type of each topic, so the record fails on its body, not on an unknown type. */
    private static final Map<String, String> TYPES = Map.of(
            Topics.TICKET_EVENTS, EventType.TICKET_OPENED.ceType(),
            Topics.TICKET_PRIORITIES, EventType.TICKET_PRIORITIZED.ceType(),
            Topics.SLA_EVENTS, EventType.SLA_BREACHED.ceType(),
            Topics.NOTIFICATION_EVENTS, EventType.NOTIFICATION_DELIVERED.ceType(),
            Topics.VIP_REGISTRY, EventType.VIP_UPSERTED.ceType());

    private Garbage() {
    }

    /** Sends one bad record per topic; returns the key each was sent with. */
    static Map<String, String> send(Platform platform) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : CONSUMERS.keySet()) {
                String key = "garbage-" + UUID.randomUUID();
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, "{not json at all".getBytes(StandardCharsets.UTF_8));
                record.headers().add(new RecordHeader("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("ce_type", TYPES.get(topic).getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("ce_source", "/faults".getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("ce_time", java.time.Instant.now().toString().getBytes(StandardCharsets.UTF_8)));
                producer.send(record).get();
                if (topic.equals(Topics.VIP_REGISTRY)) {
                    producer.send(new ProducerRecord<>(topic, key, null)).get(); // compaction then drops it from the list
                }
                keys.put(topic, key);
            }
        }
        return keys;
    }

    /** The (topic, consumer) pairs whose dead-letter topic did not get the bad record within {@code timeout}. */
    static List<String> missingDeadLetters(Platform platform, Map<String, String> keys, Duration timeout) {
        List<String> missing = new ArrayList<>();
        long until = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, List<String>> e : CONSUMERS.entrySet()) {
            for (String consumer : e.getValue()) {
                String dlq = Topics.deadLetter(e.getKey(), consumer);
                if (!arrived(platform, dlq, keys.get(e.getKey()), until)) {
                    missing.add(dlq);
                }
            }
        }
        return missing;
    }

    private static boolean arrived(Platform platform, String topic, String key, long sharedDeadline) {
        // Each topic gets at least 10 s, however long the ones before it took.
        long untilNanos = Math.max(sharedDeadline, System.nanoTime() + 10_000_000_000L);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.bootstrap()), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            while (partitions.isEmpty() && System.nanoTime() < untilNanos) {
                var infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
                if (infos != null) {
                    infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
                }
            }
            if (partitions.isEmpty()) {
                return false;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            do {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        return true;
                    }
                }
            } while (System.nanoTime() < untilNanos);
            return false;
        }
    }
}
