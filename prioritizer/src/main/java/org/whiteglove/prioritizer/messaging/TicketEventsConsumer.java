package org.whiteglove.prioritizer.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.runtime.inbox.ReceivedRecords;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.TicketEvent;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.prioritizer.persistence.DecisionStore;
import org.whiteglove.runtime.inbox.DeadLetters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * ticket.events → decisions, a poll's batch at a time: one transaction for the batch, so one commit for
 * many decisions, in partition order. If the batch fails it is retried record by record, and a record
 * that still fails (or cannot be read) is set aside on ticket.events.dlq.prioritizer while the rest go
 * on. Offsets are committed only after the batch has been handled.
 */
@ApplicationScoped
public class TicketEventsConsumer {

    private final DecisionStore decisions;
    private final VipListView vips;
    private final DeadLetters deadLetters;

    public TicketEventsConsumer(DecisionStore decisions, VipListView vips, DeadLetters deadLetters) {
        this.decisions = decisions;
        this.vips = vips;
        this.deadLetters = deadLetters;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onBatch(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        while (!vips.awaitCaughtUp(Duration.ofSeconds(5))) {
            // Deciding without the full VIP list could miss a VIP: wait (readiness says why).
        }
        List<DecisionStore.Received> batch = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(read(record));
                sources.add(record);
            } catch (RuntimeException unreadable) {
                deadLetters.send(DecisionStore.CONSUMER, record, unreadable);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            decisions.onTicketEvents(batch, vips.directory());
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < batch.size(); i++) {
                try {
                    decisions.onTicketEvents(List.of(batch.get(i)), vips.directory());
                } catch (RuntimeException e) {
                    deadLetters.send(DecisionStore.CONSUMER, sources.get(i), e);
                }
            }
        }
    }

    private static DecisionStore.Received read(ConsumerRecord<String, byte[]> record) {
        CloudEventHeaders headers = ReceivedRecords.cloudEvent(record);
        if (record.value() == null) {
            throw new EventJson.MalformedEventException("a ticket event without a value", null);
        }
        WhitegloveEvent event = EventJson.fromBytes(headers.type(), record.value());
        if (!(event instanceof TicketEvent ticketEvent)) {
            throw new EventJson.MalformedEventException(headers.type() + " does not belong on ticket.events", null);
        }
        return new DecisionStore.Received(headers, ticketEvent);
    }
}
