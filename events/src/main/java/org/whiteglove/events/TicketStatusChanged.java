package org.whiteglove.events;

import java.time.Instant;

/** The ticket moved through its lifecycle, e.g. IN_PROGRESS → PENDING_CUSTOMER. */
public record TicketStatusChanged(
        String ticketId,
        TicketStatus from,
        TicketStatus to,
        String actor,
        Instant changedAt) implements TicketEvent {
}
