package org.whiteglove.reporting.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.whiteglove.events.Topics;
import org.whiteglove.reporting.persistence.FactStore;
import org.whiteglove.runtime.inbox.DeadLetters;
import org.whiteglove.runtime.inbox.RecordBatches;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Every topic of the platform → ticket facts and the VIP population, a batch per transaction. */
@ApplicationScoped
public class ReportingConsumer {

    private final FactStore facts;
    private final DeadLetters deadLetters;

    public ReportingConsumer(FactStore facts, DeadLetters deadLetters) {
        this.facts = facts;
        this.deadLetters = deadLetters;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onTicketEvents(ConsumerRecords<String, byte[]> records) {
        handle(records, Topics.TICKET_EVENTS);
    }

    @Incoming("ticket-priorities")
    @Blocking
    public void onDecisions(ConsumerRecords<String, byte[]> records) {
        handle(records, Topics.TICKET_PRIORITIES);
    }

    @Incoming("sla-events")
    @Blocking
    public void onSlaEvents(ConsumerRecords<String, byte[]> records) {
        handle(records, Topics.SLA_EVENTS);
    }

    @Incoming("notification-events")
    @Blocking
    public void onNotificationEvents(ConsumerRecords<String, byte[]> records) {
        handle(records, Topics.NOTIFICATION_EVENTS);
    }

    @Incoming("vip-registry")
    @Blocking
    public void onVipRegistry(ConsumerRecords<String, byte[]> records) {
        // A tombstone follows every VipRemoved on the compacted topic; the removal itself has been counted.
        List<ConsumerRecord<String, byte[]>> values = new ArrayList<>();
        records.forEach(record -> {
            if (record.value() != null) {
                values.add(record);
            }
        });
        RecordBatches.handle(FactStore.CONSUMER, values, Set.of(Topics.VIP_REGISTRY), facts::apply, deadLetters);
    }

    private void handle(ConsumerRecords<String, byte[]> records, String topic) {
        RecordBatches.handle(FactStore.CONSUMER, records, Set.of(topic), facts::apply, deadLetters);
    }
}
