package org.whiteglove.events;

import java.time.Duration;
import java.time.Instant;

/**
 * A clock started for a ticket.
 *
 * @param target          business time allowed by the policy
 * @param deadlineVersion increases with every recomputation of the deadline; part of a timer's idempotency key
 */
public record SlaStarted(
        String ticketId,
        SlaClockKind clock,
        String policy,
        Priority priority,
        String calendar,
        Duration target,
        Instant deadline,
        int deadlineVersion,
        Instant startedAt) implements SlaEvent {
}
