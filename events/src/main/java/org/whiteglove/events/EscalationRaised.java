package org.whiteglove.events;

import java.time.Instant;

/** An escalation level was reached after a breach (1 assignee group, 2 desk manager, 3 IT director by default). */
public record EscalationRaised(
        String ticketId,
        SlaClockKind clock,
        int level,
        String targetGroup,
        Instant deadline,
        int deadlineVersion,
        Instant raisedAt) implements SlaEvent {
}
