package org.whiteglove.intake;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.TicketEvent;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaBrokerControl;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Accepted means durable: with the broker stopped, intake still answers 201 and the events reach Kafka,
 * once each and in order per ticket, when the broker is back.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class OutboxWhileKafkaIsDownTest extends IntakeTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void tickets_accepted_while_kafka_is_down_are_published_when_it_returns() throws Exception {
        Assumptions.assumeTrue(KafkaBrokerControl.available(), "needs the embedded broker");
        List<String> ids = new ArrayList<>();
        KafkaBrokerControl.stop();
        try {
            for (int i = 0; i < 20; i++) {
                String id = create(ticketJson("While Kafka is down " + i, uniqueEmail())).then().statusCode(201).extract().path("id");
                ids.add(id);
            }
            as("agent").contentType("application/merge-patch+json").body("{\"assignee\": \"bob\"}")
                    .patch("/api/tickets/" + ids.get(0)).then().statusCode(200);
            assertTrue(pendingOutboxRows() >= 22, "the events wait in the outbox");
        } finally {
            KafkaBrokerControl.start();
        }
        for (String id : ids) {
            List<TicketEvent> events = events(id, id.equals(ids.get(0)) ? 3 : 1);
            assertInstanceOf(TicketOpened.class, events.get(0), "opened comes first");
            assertEquals(id.equals(ids.get(0)) ? 3 : 1, events.size(), "each event exactly once: " + events);
        }
        assertInstanceOf(TicketStatusChanged.class, events(ids.get(0), 3).get(2));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> pendingOutboxRows() == 0);
    }

    private long pendingOutboxRows() throws Exception {
        try (Connection c = dataSource.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM whiteglove_runtime.outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
