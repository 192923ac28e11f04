package org.whiteglove.infra.testing;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.EventType;
import org.whiteglove.events.WhitegloveEvent;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Publishes contract events as a service would (CloudEvents binary headers), for consumers' tests. */
public final class TestEvents {

    private TestEvents() {
    }

    /** Publishes {@code event} on its topic, keyed by its aggregate id; returns its headers (ce_id). */
    public static CloudEventHeaders publish(String bootstrap, WhitegloveEvent event) {
        CloudEventHeaders headers = CloudEventHeaders.forEvent(event, "/whiteglove/test", Instant.now());
        publish(bootstrap, event, headers);
        return headers;
    }

    /** Publishes again with given headers, as a redelivery or a producer retry would. */
    public static void publish(String bootstrap, WhitegloveEvent event, CloudEventHeaders headers) {
        send(bootstrap, EventType.of(event).topic(), event.aggregateId(), EventJson.toBytes(event), headers.toKafkaHeaders());
    }

    /** An event with the headers it goes out with; the same headers twice is a redelivery. */
    public record Outgoing(WhitegloveEvent event, CloudEventHeaders headers) {
        public static Outgoing of(WhitegloveEvent event) {
            return new Outgoing(event, CloudEventHeaders.forEvent(event, "/whiteglove/test", Instant.now()));
        }
    }

    /** Publishes many events through one producer, in order. */
    public static void publishAll(String bootstrap, List<Outgoing> events) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (Outgoing outgoing : events) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventType.of(outgoing.event()).topic(),
                        outgoing.event().aggregateId(), EventJson.toBytes(outgoing.event()));
                outgoing.headers().toKafkaHeaders().forEach((name, bytes) -> record.headers().add(new RecordHeader(name, bytes)));
                sent.add(producer.send(record));
            }
            producer.flush();
            for (var future : sent) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish test events", e);
        }
    }

    /** Any bytes with any headers: for records a consumer must not choke on. */
    public static void send(String bootstrap, String topic, String key, byte[] value, Map<String, byte[]> headers) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, bytes) -> record.headers().add(new RecordHeader(name, bytes)));
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish a test record to " + topic, e);
        }
    }
}
