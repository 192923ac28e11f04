package org.whiteglove.vipregistry.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Makes validity dates take effect at their time: sleeps until the next validFrom or validUntil on the
 * list (or until the list changes), then publishes what changed. Not a periodic sweep: an expiry is
 * published within milliseconds of its instant, and a restart catches up at once.
 */
@ApplicationScoped
public class ValidityWatcher {

    private static final Logger LOG = Logger.getLogger(ValidityWatcher.class);
    private static final long LONGEST_SLEEP_MILLIS = 60_000;

    private final VipStore store;
    private final Semaphore changed = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public ValidityWatcher(VipStore store) {
        this.store = store;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "vip-validity");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        changed.release();
        thread.join(5_000);
    }

    /** The list changed: the next boundary may be sooner. */
    public void listChanged() {
        changed.release();
    }

    private void run() {
        while (running) {
            try {
                Instant now = Instant.now();
                int published = store.publishValidityChanges(now);
                if (published > 0) {
                    LOG.infof("validity dates took effect for %d VIP(s)", published);
                }
                long sleep = store.nextValidityChange(now)
                        .map(next -> Duration.between(Instant.now(), next).toMillis() + 1)
                        .orElse(LONGEST_SLEEP_MILLIS);
                changed.tryAcquire(Math.max(1, Math.min(sleep, LONGEST_SLEEP_MILLIS)), TimeUnit.MILLISECONDS);
                changed.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warnf("validity watcher: %s; retrying in 1 s", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
