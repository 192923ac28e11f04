package org.whiteglove.notifier;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.infra.testing.JwtTestResource;
import org.whiteglove.infra.testing.KafkaTestResource;
import org.whiteglove.infra.testing.PostgresTestResource;
import org.whiteglove.infra.testing.TestTokens;
import org.whiteglove.notifier.domain.Alert;
import org.whiteglove.notifier.domain.AlertKind;
import org.whiteglove.notifier.persistence.StreamEventEntity;
import org.whiteglove.notifier.persistence.StreamHistory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live stream's history: resumed page by page without gaps, and kept for its retention only. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
@WithTestResource(SmtpTestResource.class)
class StreamHistoryTest {

    @Inject
    StreamHistory history;

    @Test
    void aClientBackAfterAStormGetsEveryMissedAlertOnceAndInOrder() throws Exception {
        String storm = "storm-" + UUID.randomUUID();
        long before = QuarkusTransaction.requiringNew().call(() -> StreamEventEntity.find("order by id desc").<StreamEventEntity>firstResultOptional()
                .map(e -> e.id).orElse(0L));
        List<Long> stored = store(storm, 1_234, Instant.now()); // more than two replay pages

        List<String> lines = new CopyOnWriteArrayList<>();
        String base = "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        var response = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/stream"))
                        .header("Authorization", TestTokens.bearer("ops")).header("Last-Event-ID", String.valueOf(before)).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().filter(l -> l.contains(storm)).count() >= stored.size());
            List<Long> ids = new ArrayList<>();
            String lastId = null;
            for (String line : lines) {
                if (line.startsWith("id:")) {
                    lastId = line.substring(3).strip();
                } else if (line.startsWith("data:") && line.contains(storm)) {
                    ids.add(Long.parseLong(lastId));
                }
            }
            assertEquals(stored, ids, "every missed alert, once, in order, across page boundaries");
        } finally {
            response.cancel(true);
        }
    }

    @Test
    void alertsOlderThanTheRetentionAreForgottenAndNewerOnesKept() {
        String run = "retention-" + UUID.randomUUID();
        Instant now = Instant.now();
        List<Long> old = store(run + "-old", 3, now.minus(Duration.ofDays(3)));
        List<Long> recent = store(run + "-recent", 2, now);

        assertTrue(history.forgetBefore(now.minus(Duration.ofDays(2))) >= old.size());

        List<Long> left = QuarkusTransaction.requiringNew().call(() -> StreamEventEntity.<StreamEventEntity>list("id in ?1", concat(old, recent))
                .stream().map(e -> e.id).sorted().toList());
        assertEquals(recent, left);
    }

    private static List<Long> store(String subject, int count, Instant createdAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StreamEventEntity e = new StreamEventEntity();
                e.alert = new Alert(subject + "-" + i, AlertKind.SLA_BREACH, "T-" + subject, "SD-" + i, subject, Priority.P2, null,
                        "service-desk", SlaClockKind.RESPONSE, 0, null, 0, createdAt, createdAt, 0);
                e.createdAt = createdAt;
                e.persistAndFlush();
                ids.add(e.id);
            }
            return ids;
        });
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
