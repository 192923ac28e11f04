package org.whiteglove.notifier.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.whiteglove.notifier.config.NotifierConfig;

import java.time.Clock;
import java.time.Instant;

/**
 * Forgets the live stream's alerts older than the retention: long enough for a client to resume after an outage
 * or a weekend, not a store of every alert (deliveries and reporting keep those).
 */
@ApplicationScoped
public class StreamHistory {

    /** Rows deleted per transaction: a long backlog goes in short transactions. */
    static final int BATCH = 10_000;

    private final NotifierConfig config;
    private final Clock clock;

    public StreamHistory(NotifierConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        forgetBefore(clock.instant().minus(config.stream().retention()));
    }

    /** Deletes the stream's alerts created before {@code cutoff}; returns how many. */
    public long forgetBefore(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = QuarkusTransaction.requiringNew().call(() -> StreamEventEntity.getEntityManager()
                    .createNativeQuery("DELETE FROM stream_event WHERE id IN"
                            + " (SELECT id FROM stream_event WHERE created_at < ?1 ORDER BY id LIMIT ?2)")
                    .setParameter(1, cutoff).setParameter(2, BATCH).executeUpdate());
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
