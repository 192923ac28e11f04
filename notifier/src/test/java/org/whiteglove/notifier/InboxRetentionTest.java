package org.whiteglove.notifier;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.runtime.inbox.Inbox;
import org.whiteglove.runtime.inbox.InboxRetention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inbox (service-runtime's, as every service has it) forgets ids past their retention and only those. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class InboxRetentionTest {

    @Inject
    InboxRetention retention;
    @Inject
    Inbox inbox;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void idsPastTheRetentionAreForgottenInBatchesAndRecentOnesStillStopARedelivery() throws Exception {
        String consumer = "retention-" + UUID.randomUUID();
        Instant now = Instant.now();
        remember(consumer, "old-", 12_345, now.minus(Duration.ofDays(20))); // more than one batch of 10,000
        remember(consumer, "recent-", 3, now.minus(Duration.ofDays(1)));

        long forgotten = retention.forgetBefore(now.minus(Duration.ofDays(15)));

        assertTrue(forgotten >= 12_345, "forgot " + forgotten);
        assertEquals(List.of(0L, 3L), List.of(count(consumer, "old-%"), count(consumer, "recent-%")));
        Set<String> first = QuarkusTransaction.requiringNew().call(() -> inbox.firstDeliveries(consumer, List.of("recent-0", "recent-2", "old-7")));
        assertEquals(Set.of("old-7"), first, "a recent id is still known; a forgotten one counts as new");
    }

    private void remember(String consumer, String prefix, int count, Instant at) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement insert = c.prepareStatement("INSERT INTO whiteglove_runtime.processed_event (consumer, event_id, processed_at)"
                     + " SELECT ?, ? || i, ? FROM generate_series(0, ? - 1) AS i")) {
            insert.setString(1, consumer);
            insert.setString(2, prefix);
            insert.setTimestamp(3, java.sql.Timestamp.from(at));
            insert.setInt(4, count);
            insert.executeUpdate();
        }
    }

    private long count(String consumer, String pattern) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT count(*) FROM whiteglove_runtime.processed_event"
                     + " WHERE consumer = ? AND event_id LIKE ?")) {
            select.setString(1, consumer);
            select.setString(2, pattern);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
