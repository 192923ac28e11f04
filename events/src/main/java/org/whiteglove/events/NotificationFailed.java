package org.whiteglove.events;

import java.time.Instant;

/** A notification could not be delivered within its retry budget. */
public record NotificationFailed(
        String ticketId,
        String notificationId,
        String sourceEventId,
        String rule,
        NotificationChannel channel,
        String recipient,
        int attempts,
        String reason,
        Instant failedAt) implements NotificationEvent {
}
