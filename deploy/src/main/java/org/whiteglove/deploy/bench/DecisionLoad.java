package org.whiteglove.deploy.bench;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.whiteglove.events.Channel;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.Impact;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.Topics;
import org.whiteglove.events.Urgency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many decisions per second one prioritizer makes: N TicketOpened events go straight onto
 * ticket.events (faster than it can decide), then the TicketPrioritized records are timed as they come out.
 */
public final class DecisionLoad {

    private DecisionLoad() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int tickets = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        Histogram latencyMicros = new ConcurrentHistogram(3);
        IntakeLoad.ArrivalWatcher decided = new IntakeLoad.ArrivalWatcher(bootstrap, Topics.TICKET_PRIORITIES, publishedAt, latencyMicros);
        decided.start();

        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < tickets; i++) {
                String id = UUID.randomUUID().toString();
                TicketOpened opened = new TicketOpened(id, "SD-LOAD", Channel.API, "decision load " + i, null, null,
                        Impact.values()[i % 4], Urgency.values()[i / 4 % 4], List.of("sha256:load-" + i), List.of(), false,
                        null, null, Instant.now());
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.TICKET_EVENTS, id, EventJson.toBytes(opened));
                CloudEventHeaders.forEvent(opened, "/whiteglove/decision-load", Instant.now()).toKafkaHeaders()
                        .forEach((k, v) -> record.headers().add(new RecordHeader(k, v)));
                publishedAt.put(id, System.nanoTime());
                producer.send(record);
            }
            producer.flush();
        }
        double published = (System.nanoTime() - start) / 1e9;
        decided.awaitAll(tickets, Duration.ofMinutes(5));
        decided.stop();
        double total = (decided.lastSeenNanos - start) / 1e9;
        System.out.printf("published %d TicketOpened in %.1f s; %d decided, the last %.1f s after the start: %.0f decisions/s%n",
                tickets, published, latencyMicros.getTotalCount(), total, latencyMicros.getTotalCount() / total);
    }
}
