package org.whiteglove.notifier.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.persistence.FlushModeType;
import org.whiteglove.events.NotificationChannel;
import org.whiteglove.notifier.domain.Alert;

import java.time.Instant;
import java.util.UUID;

/** Inserts a delivery unless one with its key (source event, rule, channel, recipient) exists: exactly once. */
public final class DeliveryRows {

    private DeliveryRows() {
    }

    /** @param status PENDING (sent at {@code due}), DELIVERED (the stream) or DIGESTED; true if it was new */
    public static boolean insert(String sourceEventId, Alert alert, String ruleId, String ruleName, NotificationChannel channel,
                                 String recipient, String status, Instant due, Instant now) {
        boolean pending = "PENDING".equals(status);
        return Panache.getEntityManager().createNativeQuery("INSERT INTO delivery (id, source_event_id, rule_id,"
                        + " rule_name, channel, recipient, ticket_id, alert, status, attempts, next_attempt_at, created_at, finished_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, cast(?8 as jsonb), ?9, ?10, ?11, ?12, ?13)"
                        + " ON CONFLICT (source_event_id, rule_id, channel, recipient) DO NOTHING")
                .setFlushMode(FlushModeType.COMMIT) // no entity it depends on waits in the session
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, sourceEventId)
                .setParameter(3, ruleId)
                .setParameter(4, ruleName)
                .setParameter(5, channel.name())
                .setParameter(6, recipient)
                .setParameter(7, alert.ticketId())
                .setParameter(8, AlertJson.write(alert))
                .setParameter(9, status)
                .setParameter(10, channel == NotificationChannel.STREAM ? 1 : 0)
                .setParameter(11, pending ? due : null)
                .setParameter(12, now)
                .setParameter(13, pending ? null : now)
                .executeUpdate() == 1;
    }
}
