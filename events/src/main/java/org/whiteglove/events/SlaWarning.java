package org.whiteglove.events;

import java.time.Instant;

/** A warning threshold was reached before the deadline, e.g. 75 % of the target used. */
public record SlaWarning(
        String ticketId,
        SlaClockKind clock,
        int thresholdPercent,
        Instant deadline,
        int deadlineVersion,
        Instant firedAt) implements SlaEvent {
}
