package org.whiteglove.runtime.inbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.whiteglove.runtime.persistence.BatchedDelete;

import java.time.Clock;
import java.time.Instant;

/**
 * Forgets processed event ids older than {@link InboxConfig#retention()}, so the inbox holds what Kafka could still
 * deliver again, not every event ever. The consumers of the compacted {@code vip.registry}, whose records live on,
 * do not depend on it: the prioritizer rebuilds its VIP list from the topic, and reporting applies a VIP change
 * only if it is not older than the one it has.
 */
@ApplicationScoped
public class InboxRetention {

    /** Ids deleted per transaction: a long backlog goes in short transactions. */
    static final int BATCH = 10_000;

    private final AgroalDataSource dataSource;
    private final InboxConfig config;
    private final Clock clock;

    public InboxRetention(AgroalDataSource dataSource, InboxConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    // Hourly: a pass scans the table (no index on processed_at, which every consumed event would pay for).
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetExpired() {
        forgetBefore(clock.instant().minus(config.retention()));
    }

    /** Deletes the ids processed before {@code cutoff}; returns how many. */
    public long forgetBefore(Instant cutoff) {
        return BatchedDelete.olderThan(dataSource, "whiteglove_runtime.processed_event", "consumer, event_id", "processed_at", cutoff, BATCH);
    }
}
