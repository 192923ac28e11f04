package org.whiteglove.events;

import java.time.Instant;

/** The clock stopped running, e.g. while the ticket is pending on the customer. */
public record SlaPaused(String ticketId, SlaClockKind clock, Instant pausedAt) implements SlaEvent {
}
