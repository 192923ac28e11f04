package org.whiteglove.notifier.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.whiteglove.notifier.api.AlertStream;
import org.whiteglove.notifier.delivery.Dispatcher;
import org.whiteglove.notifier.persistence.AlertIntake;


import java.time.Duration;

/**
 * SLA alerts wait for their ticket's decision (see {@link AlertIntake}); one whose decision has not come within
 * {@link #PATIENCE} — a ticket the prioritizer dead-lettered, say — is routed with what is known, so no breach
 * goes untold. Looks every few seconds; the alerts wait in the database meanwhile.
 */
@ApplicationScoped
public class ParkedAlertRelease {

    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Logger LOG = Logger.getLogger(ParkedAlertRelease.class);
    private static final long EVERY_MILLIS = 5_000;
    private static final int BATCH = 500;

    private final AlertIntake intake;
    private final Dispatcher dispatcher;
    private final AlertStream stream;
    private volatile boolean running;
    private Thread thread;

    public ParkedAlertRelease(AlertIntake intake, Dispatcher dispatcher, AlertStream stream) {
        this.intake = intake;
        this.dispatcher = dispatcher;
        this.stream = stream;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "notifier-parked-alerts");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(EVERY_MILLIS);
                // In bounded transactions: a flood of orphaned alerts must not become one huge transaction.
                AlertIntake.Released released;
                do {
                    released = intake.releaseParked(PATIENCE, BATCH);
                    stream.publish(released.streamed());
                    dispatcher.wake();
                } while (released.alerts() >= BATCH && running);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("releasing parked alerts failed (%s); again in %d s", e.toString(), EVERY_MILLIS / 1000);
            }
        }
    }
}
