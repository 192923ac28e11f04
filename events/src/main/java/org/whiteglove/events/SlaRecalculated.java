package org.whiteglove.events;

import java.time.Instant;

/** The deadline moved, e.g. because the ticket was re-prioritized. */
public record SlaRecalculated(
        String ticketId,
        SlaClockKind clock,
        String reason,
        Instant oldDeadline,
        Instant newDeadline,
        int deadlineVersion,
        Instant recalculatedAt) implements SlaEvent {
}
