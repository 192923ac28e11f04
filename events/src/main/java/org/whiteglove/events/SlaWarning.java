package org.whiteglove.events;

import java.time.Instant;

/**
 * A warning threshold was reached before the deadline, e.g. 75 % of the target used.
 *
 * <p>{@code priority}, {@code vipTier} and {@code queue} are the ticket's decision as the monitor knew it when the
 * milestone fired (its clocks start only once a decision is known), so a consumer can route the alert without
 * waiting for the ticket's own events; absent (null) in payloads of producers older than these fields.
 */
public record SlaWarning(
        String ticketId,
        SlaClockKind clock,
        int thresholdPercent,
        Instant deadline,
        int deadlineVersion,
        Instant firedAt,
        Priority priority,
        String vipTier,
        String queue) implements SlaEvent {
}
