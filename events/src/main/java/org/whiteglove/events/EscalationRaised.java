package org.whiteglove.events;

import java.time.Instant;

/**
 * An escalation level was reached after a breach (1 assignee group, 2 desk manager, 3 IT director by default).
 *
 * <p>{@code priority}, {@code vipTier} and {@code queue} are the ticket's decision as the monitor knew it when the
 * milestone fired (its clocks start only once a decision is known), so a consumer can route the alert without
 * waiting for the ticket's own events; absent (null) in payloads of producers older than these fields.
 */
public record EscalationRaised(
        String ticketId,
        SlaClockKind clock,
        int level,
        String targetGroup,
        Instant deadline,
        int deadlineVersion,
        Instant raisedAt,
        Priority priority,
        String vipTier,
        String queue) implements SlaEvent {
}
