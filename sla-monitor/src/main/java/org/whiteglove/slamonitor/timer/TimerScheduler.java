package org.whiteglove.slamonitor.timer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.whiteglove.slamonitor.config.SlaConfig;
import org.whiteglove.slamonitor.domain.SlaClock;
import org.whiteglove.slamonitor.persistence.ClockStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * Fires timers at their moment. The durable timer is a clock's {@code next_due_at} in PostgreSQL; the
 * moments due within the horizon are held here, sorted, and one thread sleeps until the earliest, then
 * fires every clock due by then in batches ({@code FOR UPDATE SKIP LOCKED}: several instances share the
 * work, none fires a clock twice). Moments reach memory from the consumers as they schedule (after commit)
 * and from a loader that reads the next horizon from the database at start (overdue timers included, so
 * those that fell due while the service was down fire right after start) and every third of the horizon.
 */
@ApplicationScoped
public class TimerScheduler {

    private static final Logger LOG = Logger.getLogger(TimerScheduler.class);
    /** The longest the firing thread sleeps before looking again (a test clock may have jumped). */
    private static final long MAX_SLEEP_MS = 1_000;

    private final ClockStore store;
    private final Clock clock;
    private final SlaConfig.Timers config;
    private final Timer firingDelay;
    private final ConcurrentSkipListSet<Instant> upcoming = new ConcurrentSkipListSet<>();
    private final Object wakeUp = new Object();
    private final Object reload = new Object();
    private volatile boolean running;
    private volatile boolean loaded;
    private final List<Thread> firing = new ArrayList<>();
    private Thread loader;

    public TimerScheduler(ClockStore store, Clock clock, SlaConfig config, MeterRegistry registry) {
        this.store = store;
        this.clock = clock;
        this.config = config.timers();
        this.firingDelay = Timer.builder("whiteglove.sla.firing.delay")
                .description("time from a milestone's moment to its firing")
                .publishPercentiles(0.5, 0.99, 0.999)
                .publishPercentileHistogram()
                .register(registry);
        registry.gaugeCollectionSize("whiteglove.sla.timers.in.memory", List.of(), upcoming);
    }

    void onStart(@Observes StartupEvent startup) {
        if (config.enabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent shutdown) {
        stop();
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        loader = new Thread(this::loadLoop, "sla-timer-loader");
        loader.setDaemon(true);
        loader.start();
        // Several firing threads split a burst between them (SKIP LOCKED hands each its own rows).
        for (int i = 0; i < config.firingThreads(); i++) {
            Thread t = new Thread(this::fireLoop, "sla-timer-firing-" + i);
            t.setDaemon(true);
            t.start();
            firing.add(t);
        }
    }

    /** Stops both threads and forgets what was in memory, as a process exit would. */
    public synchronized void stop() {
        running = false;
        wake();
        List<Thread> threads = new ArrayList<>(firing);
        threads.add(loader);
        firing.clear();
        for (Thread t : threads) {
            if (t != null) {
                t.interrupt();
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        upcoming.clear();
        loaded = false;
    }

    /** True once the timers of the first horizon (overdue ones included) have been read. */
    public boolean isLoaded() {
        return loaded || !config.enabled();
    }

    public int inMemory() {
        return upcoming.size();
    }

    /** Moments newly scheduled (after their transaction committed); those beyond the horizon wait in the database. */
    public void offer(Collection<Instant> dues) {
        Instant horizon = clock.instant().plus(config.horizon());
        Instant before = upcoming.isEmpty() ? Instant.MAX : upcoming.first();
        boolean earlier = false;
        for (Instant due : dues) {
            if (due.isBefore(horizon)) {
                upcoming.add(due);
                earlier |= due.isBefore(before);
            }
        }
        if (earlier) {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
        }
    }

    /** Read the horizon and look at the earliest moment again now (e.g. a test moved its clock). */
    public void wake() {
        synchronized (reload) {
            reload.notifyAll();
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void loadLoop() {
        long every = Math.max(1_000, config.horizon().toMillis() / 3);
        while (running) {
            try {
                List<Instant> dues = store.dueBefore(clock.instant().plus(config.horizon()), 1_000_000);
                offer(dues);
                if (!loaded) {
                    LOG.infof("timers loaded: %d moments due within %s", dues.size(), config.horizon());
                    loaded = true;
                }
                synchronized (reload) {
                    reload.wait(every);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("loading timers failed (%s); again in 1 s", e.toString());
                sleepQuietly(1_000);
            }
        }
    }

    private void fireLoop() {
        while (running) {
            try {
                Instant now = clock.instant();
                Instant head = upcoming.isEmpty() ? null : upcoming.first();
                if (head != null && !head.isAfter(now)) {
                    firePass();
                    continue;
                }
                long sleep = head == null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(1, Duration.between(now, head).toMillis()));
                synchronized (wakeUp) {
                    wakeUp.wait(sleep);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database or the outbox failed: nothing was fired, the moments stay; try again.
                LOG.warnf("firing timers failed (%s); again in 1 s", e.toString());
                sleepQuietly(1_000);
            }
        }
    }

    /**
     * Fires batch after batch while they come back full. Each batch looks at the clock again, so a clock falling due
     * during a long pass (a burst of deadlines) competes by priority with the rest at once rather than after them.
     */
    private void firePass() {
        ClockStore.FiredBatch batch;
        Instant now;
        do {
            now = clock.instant();
            batch = store.fireDue(now, config.batchSize());
            Instant firedAt = clock.instant();
            for (SlaClock.Firing f : batch.firings()) {
                firingDelay.record(Duration.between(f.dueAt(), firedAt));
            }
            offer(batch.nextDue());
        } while (batch.clocks() == config.batchSize());
        upcoming.headSet(now, true).clear();
        if (store.anyDue(now)) {
            // Some were locked (a consumer was changing them, or another instance fired them): look again shortly.
            upcoming.add(now.plusMillis(100));
        }
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
