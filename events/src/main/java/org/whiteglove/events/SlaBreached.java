package org.whiteglove.events;

import java.time.Instant;

/** The deadline passed with the clock still running. */
public record SlaBreached(
        String ticketId,
        SlaClockKind clock,
        Instant deadline,
        int deadlineVersion,
        Instant firedAt) implements SlaEvent {
}
