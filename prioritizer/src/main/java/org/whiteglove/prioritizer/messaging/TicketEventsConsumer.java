package org.whiteglove.prioritizer.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.TicketEvent;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.prioritizer.persistence.DecisionStore;

import java.time.Duration;

/**
 * ticket.events → decisions. A record that cannot be read or decided fails here and SmallRye sends it to
 * ticket.events.dlq.prioritizer (its partition keeps flowing); offsets are committed only after the
 * decision's transaction has committed.
 */
@ApplicationScoped
public class TicketEventsConsumer {

    private final DecisionStore decisions;
    private final VipListView vips;

    public TicketEventsConsumer(DecisionStore decisions, VipListView vips) {
        this.decisions = decisions;
        this.vips = vips;
    }

    @Incoming("ticket-events")
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) throws InterruptedException {
        while (!vips.awaitCaughtUp(Duration.ofSeconds(5))) {
            // Deciding without the full VIP list could miss a VIP: wait (readiness says why).
        }
        CloudEventHeaders headers = CloudEventHeaders.fromKafkaHeaders(n -> {
            var h = record.headers().lastHeader(n);
            return h == null ? null : h.value();
        });
        if (record.value() == null) {
            throw new EventJson.MalformedEventException("a ticket event without a value", null);
        }
        WhitegloveEvent event = EventJson.fromBytes(headers.type(), record.value());
        if (!(event instanceof TicketEvent ticketEvent)) {
            throw new EventJson.MalformedEventException(headers.type() + " does not belong on ticket.events", null);
        }
        decisions.onTicketEvent(headers, ticketEvent, vips.directory());
    }
}
