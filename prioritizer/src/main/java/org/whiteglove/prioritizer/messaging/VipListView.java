package org.whiteglove.prioritizer.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.whiteglove.prioritizer.persistence.DecisionStore;
import org.whiteglove.runtime.inbox.DeadLetters;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.runtime.inbox.ReceivedRecords;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.Topics;
import org.whiteglove.events.VipRemoved;
import org.whiteglove.events.VipUpserted;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.prioritizer.domain.VipDirectory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The VIP list as the prioritizer sees it: the compacted vip.registry read from its beginning at every
 * start, then followed. No consumer group: the whole topic is the state, so each instance reads all of
 * it. Until it has read up to the end offsets seen at start, readiness is DOWN and no ticket is decided.
 */
@ApplicationScoped
public class VipListView {

    private static final Logger LOG = Logger.getLogger(VipListView.class);

    private final VipDirectory directory = new VipDirectory();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final String bootstrapServers;
    private volatile boolean running;
    private Thread thread;

    private final DeadLetters deadLetters;

    public VipListView(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, DeadLetters deadLetters) {
        this.bootstrapServers = bootstrapServers;
        this.deadLetters = deadLetters;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "vip-list-view");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(5_000);
        }
    }

    public VipDirectory directory() {
        return directory;
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Blocks a decision until the list is complete; false if it is not within the timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                    ConsumerConfig.CLIENT_ID_CONFIG, "prioritizer-vip-list"), new StringDeserializer(), new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(Topics.VIP_REGISTRY, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        apply(record);
                    }
                    if (caughtUp.getCount() > 0 && end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                        LOG.infof("VIP list read to the end: %d VIPs", directory.size());
                        caughtUp.countDown();
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf("VIP list: %s; reading it again in 1 s", e.toString());
                sleep();
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            directory.remove(record.key());
            return;
        }
        try {
            CloudEventHeaders headers = ReceivedRecords.cloudEvent(record);
            WhitegloveEvent event = EventJson.fromBytes(headers.type(), record.value());
            if (event instanceof VipUpserted upserted) {
                directory.upsert(upserted);
            } else if (event instanceof VipRemoved removed) {
                directory.remove(removed.personId());
            }
        } catch (RuntimeException e) {
            // Skip it and keep the rest of the list; set aside like any consumer's bad record. The view reads the
            // topic from its beginning at every start, so until compaction drops it the record is set aside again.
            LOG.errorf("unreadable vip.registry record at %s-%d@%d skipped: %s",
                    record.topic(), record.partition(), record.offset(), e.getMessage());
            deadLetters.send(DecisionStore.CONSUMER, record, e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
