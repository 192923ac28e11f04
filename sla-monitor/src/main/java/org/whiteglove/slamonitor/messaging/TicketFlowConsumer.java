package org.whiteglove.slamonitor.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.whiteglove.events.Topics;
import org.whiteglove.runtime.inbox.DeadLetters;
import org.whiteglove.runtime.inbox.RecordBatches;
import org.whiteglove.slamonitor.persistence.ClockStore;
import org.whiteglove.slamonitor.timer.TimerScheduler;

import java.util.Set;

/**
 * ticket.events (openings, status changes) and ticket.priorities (decisions) → clocks, a poll's batch
 * per transaction ({@link RecordBatches}); unreadable or failing records go to
 * {@code <topic>.dlq.sla-monitor}. The clocks' new timers are handed to the scheduler after commit.
 */
@ApplicationScoped
public class TicketFlowConsumer {

    private final ClockStore clocks;
    private final TimerScheduler timers;
    private final DeadLetters deadLetters;

    public TicketFlowConsumer(ClockStore clocks, TimerScheduler timers, DeadLetters deadLetters) {
        this.clocks = clocks;
        this.timers = timers;
        this.deadLetters = deadLetters;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onTicketEvents(ConsumerRecords<String, byte[]> records) {
        RecordBatches.handle(ClockStore.CONSUMER, records, Set.of(Topics.TICKET_EVENTS),
                batch -> timers.offer(clocks.onEvents(batch)), deadLetters);
    }

    @Incoming("ticket-priorities")
    @Blocking
    public void onDecisions(ConsumerRecords<String, byte[]> records) {
        RecordBatches.handle(ClockStore.CONSUMER, records, Set.of(Topics.TICKET_PRIORITIES),
                batch -> timers.offer(clocks.onEvents(batch)), deadLetters);
    }
}
