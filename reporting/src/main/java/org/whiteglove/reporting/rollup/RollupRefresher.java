package org.whiteglove.reporting.rollup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.whiteglove.reporting.config.ReportingConfig;
import org.whiteglove.reporting.persistence.RollupStore;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the rollups up to date: every {@code refresh-every} it rolls up the dirty hours, batch after batch
 * until none is left. Reports lag the topics by about that interval — longer while a busy hour takes long to
 * roll up: the pause after a pass is {@link #PAUSE_PER_WORK} times the pass (at most {@link #LONGEST_PAUSE}), so
 * under a flood of tickets re-reading the current hour's facts takes a fifth of a core, not the consumers' share.
 */
@ApplicationScoped
public class RollupRefresher {

    private static final Logger LOG = Logger.getLogger(RollupRefresher.class);
    static final int PAUSE_PER_WORK = 4;
    /** A long catch-up pass (a history import) must not hold back the hours that changed meanwhile. */
    static final long LONGEST_PAUSE = 10_000;

    private final RollupStore rollups;
    private final long everyMillis;
    private ScheduledExecutorService executor;

    public RollupRefresher(RollupStore rollups, ReportingConfig config) {
        this.rollups = rollups;
        this.everyMillis = config.rollups().refreshEvery().toMillis();
    }

    void start(@Observes StartupEvent startup) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "rollup-refresher");
            thread.setDaemon(true);
            return thread;
        });
        executor.schedule(this::refreshAndReschedule, everyMillis, TimeUnit.MILLISECONDS);
    }

    private void refreshAndReschedule() {
        long started = System.nanoTime();
        refresh();
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        if (!executor.isShutdown()) {
            executor.schedule(this::refreshAndReschedule, Math.max(everyMillis, Math.min(LONGEST_PAUSE, PAUSE_PER_WORK * tookMillis)), TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent shutdown) {
        executor.shutdownNow();
    }

    private void refresh() {
        try {
            // Dirty hours first; the tier tables' backfill (after migration V3) when none is left.
            while (rollups.refreshBatch() > 0 || rollups.backfillTierBatch() > 0) {
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            // The hours stay dirty (the transaction rolled back) and are tried again next time.
            LOG.warnf("rolling up failed, trying again in %d ms: %s", everyMillis, e.toString());
        }
    }
}
