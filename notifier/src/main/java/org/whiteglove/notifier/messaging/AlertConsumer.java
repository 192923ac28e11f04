package org.whiteglove.notifier.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.whiteglove.events.Topics;
import org.whiteglove.notifier.api.AlertStream;
import org.whiteglove.notifier.delivery.Dispatcher;
import org.whiteglove.notifier.persistence.AlertIntake;
import org.whiteglove.runtime.inbox.DeadLetters;
import org.whiteglove.runtime.inbox.RecordBatches;

import java.util.List;
import java.util.Set;

/**
 * ticket.events, ticket.priorities and sla.events → alerts and deliveries, a batch per transaction
 * ({@link RecordBatches}); after commit the dispatcher is woken and stream alerts are pushed to listeners.
 */
@ApplicationScoped
public class AlertConsumer {

    private final AlertIntake intake;
    private final Dispatcher dispatcher;
    private final AlertStream stream;
    private final DeadLetters deadLetters;

    public AlertConsumer(AlertIntake intake, Dispatcher dispatcher, AlertStream stream, DeadLetters deadLetters) {
        this.intake = intake;
        this.dispatcher = dispatcher;
        this.stream = stream;
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

    private void handle(ConsumerRecords<String, byte[]> records, String topic) {
        RecordBatches.handle(AlertIntake.CONSUMER, records, Set.of(topic), AlertIntake.ACTED_ON, batch -> {
            var streamed = intake.onEvents(batch);
            dispatcher.wake();
            stream.publish(List.copyOf(streamed));
        }, deadLetters);
    }
}
