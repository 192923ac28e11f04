package org.whiteglove.events;

import java.time.Instant;

/** The clock runs again; the deadline moved by the paused time. */
public record SlaResumed(
        String ticketId,
        SlaClockKind clock,
        Instant deadline,
        int deadlineVersion,
        Instant resumedAt) implements SlaEvent {
}
