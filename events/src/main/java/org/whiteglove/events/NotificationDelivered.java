package org.whiteglove.events;

import java.time.Instant;

/**
 * A notification reached its recipient.
 *
 * @param sourceEventId the ce_id of the event that caused it
 */
public record NotificationDelivered(
        String ticketId,
        String notificationId,
        String sourceEventId,
        String rule,
        NotificationChannel channel,
        String recipient,
        int attempts,
        Instant deliveredAt) implements NotificationEvent {
}
