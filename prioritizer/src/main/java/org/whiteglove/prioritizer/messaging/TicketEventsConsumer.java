package org.whiteglove.prioritizer.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.whiteglove.events.Topics;
import org.whiteglove.prioritizer.persistence.DecisionStore;
import org.whiteglove.runtime.inbox.DeadLetters;
import org.whiteglove.runtime.inbox.RecordBatches;

import java.time.Duration;
import java.util.Set;

/**
 * ticket.events → decisions, a poll's batch at a time (one transaction per batch, see {@link RecordBatches}):
 * undecidable or unreadable records go to ticket.events.dlq.prioritizer while the rest go on. Offsets
 * are committed only after the batch has been handled.
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
        RecordBatches.handle(DecisionStore.CONSUMER, records, Set.of(Topics.TICKET_EVENTS),
                batch -> decisions.onTicketEvents(batch, vips.directory()), deadLetters);
    }
}
