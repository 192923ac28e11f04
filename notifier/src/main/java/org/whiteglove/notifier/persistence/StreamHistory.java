package org.whiteglove.notifier.persistence;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.whiteglove.notifier.config.NotifierConfig;
import org.whiteglove.runtime.persistence.BatchedDelete;

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
    private final AgroalDataSource dataSource;

    public StreamHistory(NotifierConfig config, Clock clock, AgroalDataSource dataSource) {
        this.config = config;
        this.clock = clock;
        this.dataSource = dataSource;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        forgetBefore(clock.instant().minus(config.stream().retention()));
    }

    /** Deletes the stream's alerts created before {@code cutoff}; returns how many. */
    public long forgetBefore(Instant cutoff) {
        return BatchedDelete.olderThan(dataSource, "stream_event", "id", "created_at", cutoff, BATCH);
    }
}
