package org.whiteglove.intake.persistence;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.whiteglove.intake.config.IntakeConfig;
import org.whiteglove.intake.domain.NewTicket;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Opens tickets submitted at the same time in one transaction (group commit). A submission waits in a queue; a
 * writer takes every submission waiting, up to a batch, and commits them together. Under load that is one commit
 * and a handful of statements for dozens of tickets; alone, a ticket is written at once as before. A submission is
 * answered only after its batch committed, so a 201 still means the ticket and its event are stored.
 */
@ApplicationScoped
public class TicketOpener {

    private static final Logger LOG = Logger.getLogger(TicketOpener.class);

    /** A submission waiting for a writer, and where to answer it. */
    private record Waiting(TicketStore.OpenRequest request, CompletableFuture<TicketStore.Opened> answer, Context context) {
    }

    private final TicketStore store;
    private final IntakeConfig.Batching config;
    private final BlockingQueue<Waiting> queue;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    public TicketOpener(TicketStore store, IntakeConfig config) {
        this.store = store;
        this.config = config.batching();
        this.queue = new LinkedBlockingQueue<>(this.config.maxWaiting());
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        for (int i = 0; i < config.writers(); i++) {
            Thread writer = new Thread(this::write, "ticket-opener-" + i);
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
    }

    /** Writers finish what is queued: a submission that got in is answered, not dropped. */
    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        for (Thread writer : writers) {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /**
     * Opens the ticket (or finds the one its key opened earlier) in the next batch. The answer completes on the
     * caller's event loop when there is one, so writers never run response handling.
     *
     * @throws IntakeBusyException when too many submissions wait already: the client should retry shortly
     */
    public CompletionStage<TicketStore.Opened> open(NewTicket ticket, TicketStore.IntakeKey key, String actor) {
        CompletableFuture<TicketStore.Opened> answer = new CompletableFuture<>();
        if (!running || !queue.offer(new Waiting(new TicketStore.OpenRequest(ticket, key, actor), answer, Vertx.currentContext()))) {
            throw new IntakeBusyException();
        }
        return answer;
    }

    private void write() {
        List<Waiting> batch = new ArrayList<>(config.maxTickets());
        while (running || !queue.isEmpty()) {
            try {
                Waiting first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxTickets() - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("ticket opener: a batch went unanswered", e); // not expected: write() answers every one
                batch.forEach(w -> answer(w, null, e));
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Waiting> batch) {
        List<TicketStore.Opened> opened;
        try {
            opened = store.openAll(batch.stream().map(Waiting::request).toList());
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                answer(batch.get(0), null, e);
                return;
            }
            // One bad submission (or a deadlock, or a database hiccup) must not fail its neighbours: each alone.
            LOG.debugf("ticket opener: a batch of %d failed (%s); writing them one by one", batch.size(), e);
            for (Waiting w : batch) {
                try {
                    answer(w, store.openAll(List.of(w.request())).get(0), null);
                } catch (RuntimeException single) {
                    answer(w, null, single);
                }
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            answer(batch.get(i), opened.get(i), null);
        }
    }

    private static void answer(Waiting w, TicketStore.Opened opened, Throwable failure) {
        Runnable complete = failure == null ? () -> w.answer().complete(opened) : () -> w.answer().completeExceptionally(failure);
        if (w.context() != null) {
            w.context().runOnContext(v -> complete.run());
        } else {
            complete.run();
        }
    }
}
