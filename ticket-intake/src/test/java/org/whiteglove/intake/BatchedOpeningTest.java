package org.whiteglove.intake;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.query.spi.QueryInterpretationCache;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.Channel;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Urgency;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.intake.domain.NewTicket;
import org.whiteglove.intake.persistence.TicketStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tickets submitted together are written together, and each gets the answer it would have got alone. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class BatchedOpeningTest extends IntakeTest {

    @Inject
    TicketStore store;

    QueryInterpretationCache queryPlans;

    @Inject
    void queryPlans(EntityManagerFactory factory) {
        queryPlans = factory.unwrap(SessionFactoryImplementor.class).getQueryEngine().getInterpretationCache();
    }

    @Test
    void one_batch_opens_each_key_once_and_replays_its_repeats_in_the_same_batch() {
        String key = "batch-" + System.nanoTime();
        TicketStore.IntakeKey first = new TicketStore.IntakeKey(TicketStore.KeyKind.IDEMPOTENCY_KEY, key, "a".repeat(64));
        TicketStore.IntakeKey same = new TicketStore.IntakeKey(TicketStore.KeyKind.IDEMPOTENCY_KEY, key, "a".repeat(64));
        TicketStore.IntakeKey otherBody = new TicketStore.IntakeKey(TicketStore.KeyKind.IDEMPOTENCY_KEY, key, "b".repeat(64));
        TicketStore.IntakeKey call = new TicketStore.IntakeKey(TicketStore.KeyKind.CALL_ID, key, null);

        List<TicketStore.Opened> opened = store.openAll(List.of(request("first", first), request("no key", null),
                request("same again", same), request("other body", otherBody), request("a call", call)));

        assertFalse(opened.get(0).replayed());
        assertFalse(opened.get(1).replayed());
        assertFalse(opened.get(4).replayed(), "a call id is another kind of key, even with the same text");
        assertTrue(opened.get(2).replayed() && opened.get(2).sameRequest());
        assertTrue(opened.get(3).replayed() && !opened.get(3).sameRequest());
        assertEquals(opened.get(0).ticket().id, opened.get(2).ticket().id);
        assertEquals(opened.get(0).ticket().id, opened.get(3).ticket().id);
        assertEquals(3, Set.of(opened.get(0).ticket().id, opened.get(1).ticket().id, opened.get(4).ticket().id).size());
        assertEquals(3, Set.of(opened.get(0).ticket().number, opened.get(1).ticket().number, opened.get(4).ticket().number).size());
        for (int i : new int[] {0, 1, 4}) {
            assertEquals(1, events(opened.get(i).ticket().id.toString(), 1).size());
        }

        // The batch committed: a later submission of the key replays it.
        TicketStore.Opened later = store.openAll(List.of(request("later", same))).get(0);
        assertTrue(later.replayed());
        assertEquals(opened.get(0).ticket().id, later.ticket().id);
    }

    @Test
    void concurrent_submissions_and_concurrent_repeats_open_one_ticket_per_key() throws Exception {
        String run = Long.toString(System.nanoTime());
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<io.restassured.response.Response>> sent = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                // Every third shares one of two keys (and its body); the others have keys of their own.
                String key = i % 3 == 0 ? run + "-shared-" + (i % 2) : run + "-own-" + i;
                String body = ticketJson("Concurrent " + (i % 3 == 0 ? "shared " + (i % 2) : i), "concurrent-" + run + "@example.org");
                sent.add(CompletableFuture.supplyAsync(() -> as("intake").header("Idempotency-Key", key)
                        .contentType(ContentType.JSON).body(body).post("/api/tickets"), clients));
            }
            Set<String> shared0 = new HashSet<>();
            Set<String> shared1 = new HashSet<>();
            Set<String> own = new HashSet<>();
            int replays = 0;
            for (int i = 0; i < sent.size(); i++) {
                io.restassured.response.Response r = sent.get(i).get();
                assertEquals(201, r.statusCode(), r.asString());
                String id = r.path("id");
                if (i % 3 != 0) {
                    own.add(id);
                } else {
                    (i % 2 == 0 ? shared0 : shared1).add(id);
                    replays += "true".equals(r.header("Idempotent-Replayed")) ? 1 : 0;
                }
            }
            assertEquals(32, own.size(), "each own key its own ticket");
            assertEquals(1, shared0.size(), "one ticket for the first shared key");
            assertEquals(1, shared1.size(), "one ticket for the second shared key");
            assertNotEquals(shared0, shared1);
            assertEquals(16 - 2, replays, "all but the first of each shared key are replays");
            for (String id : shared0) {
                assertEquals(1, events(id, 1).size(), "one TicketOpened for the shared key");
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void opening_and_looking_up_tickets_reuses_the_cached_query_plans() {
        store.openAll(List.of(request("plan warm-up", null)));
        store.ticketFor(TicketStore.KeyKind.MESSAGE_ID, "<warm-up@example.org>");
        int plans = queryPlans.getNumberOfCachedQueryPlans();

        for (int i = 0; i < 40; i++) {
            store.openAll(List.of(request("plan " + i, null)));
            store.ticketFor(TicketStore.KeyKind.MESSAGE_ID, "<plan-" + i + "@example.org>");
        }

        // A query whose plan is cached anew at each call fills the cache (2,048 plans) and makes every lookup
        // compare its key with all of them: that once cost this service 15 % of its CPU under load.
        assertTrue(queryPlans.getNumberOfCachedQueryPlans() - plans < 5,
                "cached query plans grew from " + plans + " to " + queryPlans.getNumberOfCachedQueryPlans() + " over 40 openings");
    }

    private static TicketStore.OpenRequest request(String subject, TicketStore.IntakeKey key) {
        NewTicket ticket = new NewTicket(Channel.API, subject, null, null, null, Impact.MODERATE, Urgency.MEDIUM,
                new NewTicket.Party("Batch", "batch@example.org", null), null, false, null, null, List.of(), null);
        return new TicketStore.OpenRequest(ticket, key, "test");
    }
}
