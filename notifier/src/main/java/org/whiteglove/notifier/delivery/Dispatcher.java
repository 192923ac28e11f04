package org.whiteglove.notifier.delivery;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.whiteglove.notifier.config.NotifierConfig;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One thread sending due deliveries: woken when new ones are scheduled, otherwise looking every 200 ms for retries,
 * and every few seconds for deliveries whose ticket opened while they were being written.
 */
@ApplicationScoped
public class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);
    /** How often deliveries waiting for a ticket that has meanwhile opened are looked for (a safety net, see the store). */
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(5);

    private final DeliveryStore store;
    private final NotifierConfig config;
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    public Dispatcher(DeliveryStore store, NotifierConfig config) {
        this.store = store;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        if (!config.dispatch().enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "notifier-dispatcher");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    public void wake() {
        wake.release();
    }

    private void run() {
        long nextSweep = 0;
        while (running) {
            try {
                if (System.nanoTime() - nextSweep >= 0) {
                    store.releaseAwaitingKnownTickets();
                    nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
                }
                List<UUID> due = store.dueIds(config.dispatch().batchSize());
                for (UUID id : due) {
                    try {
                        store.dispatch(id);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "delivery %s could not be handled; it is marked failed", id);
                        store.markBroken(id, e);
                    }
                }
                if (due.size() < config.dispatch().batchSize()) {
                    wake.tryAcquire(200, TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("dispatching failed (%s); again in 1 s (nothing is lost: the deliveries wait in the database)", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }
}
