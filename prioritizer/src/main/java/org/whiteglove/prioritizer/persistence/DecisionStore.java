package org.whiteglove.prioritizer.persistence;

import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.TicketEvent;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.TicketUpdated;
import org.whiteglove.prioritizer.domain.Prioritization;
import org.whiteglove.prioritizer.domain.PriorityMatrix;
import org.whiteglove.prioritizer.domain.VipDirectory;
import org.whiteglove.prioritizer.domain.VipPolicy;
import org.whiteglove.runtime.inbox.Inbox;
import org.whiteglove.runtime.inbox.RecordBatches.Received;
import org.whiteglove.runtime.outbox.Outbox;
import org.whiteglove.runtime.persistence.BatchLocks;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns ticket events into decisions: each event is handled once (inbox), and the decision, the
 * ticket's new priority and the TicketPrioritized event commit together (outbox).
 */
@ApplicationScoped
public class DecisionStore {

    public static final String CONSUMER = "prioritizer";
    private static final Logger LOG = Logger.getLogger(DecisionStore.class);

    private final Inbox inbox;
    private final Outbox outbox;
    private final PolicyStore policies;

    public DecisionStore(Inbox inbox, Outbox outbox, PolicyStore policies) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.policies = policies;
    }

    /** A ticket event that cannot be decided on (e.g. no impact): it goes to the dead-letter topic. */
    public static class UndecidableEventException extends RuntimeException {
        public UndecidableEventException(String message) {
            super(message);
        }
    }

    /**
     * Decides a batch in one transaction: one commit for many decisions. If any event fails, the whole
     * batch rolls back and the caller retries the events one by one to set the failing one aside.
     */
    @Transactional
    public void onTicketEvents(List<Received> batch, VipDirectory vips) {
        PriorityMatrix matrix = policies.matrix();
        VipPolicy policy = policies.policy();
        List<Received> unseen = inbox.firstDeliveries(CONSUMER, batch);
        Map<String, TicketViewEntity> views = new HashMap<>();
        // The batch's known tickets, locked at once; a TicketOpened creates its view below.
        BatchLocks.lock(Panache.getEntityManager(), "ticket_view", "ticket_id", TicketViewEntity.class,
                        BatchLocks.inLockOrder(unseen.stream().map(r -> r.event().aggregateId()).toList()))
                .forEach(v -> views.put(v.ticketId, v));
        for (Received r : unseen) {
            if (r.event() instanceof TicketEvent ticketEvent) {
                onTicketEvent(r.headers(), ticketEvent, views, vips, matrix, policy);
            }
        }
    }

    private void onTicketEvent(CloudEventHeaders headers, TicketEvent event, Map<String, TicketViewEntity> views, VipDirectory vips,
                               PriorityMatrix matrix, VipPolicy policy) {
        if (event instanceof TicketOpened opened) {
            if (opened.impact() == null || opened.urgency() == null || opened.ticketId() == null) {
                throw new UndecidableEventException("TicketOpened without ticket id, impact or urgency");
            }
            TicketViewEntity view = views.get(opened.ticketId());
            if (view == null) {
                view = new TicketViewEntity();
                view.ticketId = opened.ticketId();
                views.put(view.ticketId, view);
            }
            view.impact = opened.impact();
            view.urgency = opened.urgency();
            view.requesterKeys = opened.requesterContactKeys();
            view.submitterKeys = opened.submitterContactKeys();
            view.vipClaimed = opened.vipClaimed();
            decide(view, headers.id(), vips, matrix, policy);
        } else if (event instanceof TicketUpdated updated && updated.changesPriorityInputs()) {
            TicketViewEntity view = views.get(updated.ticketId());
            if (view == null) {
                // Its TicketOpened went to the dead-letter topic: nothing to re-decide.
                LOG.warnf("impact/urgency change for unknown ticket %s ignored", updated.ticketId());
                return;
            }
            view.impact = updated.impact();
            view.urgency = updated.urgency();
            decide(view, headers.id(), vips, matrix, policy);
        }
    }

    /** The decision history of a ticket, oldest first. */
    public List<DecisionEntity> history(String ticketId) {
        return DecisionEntity.list("ticketId = ?1 order by id", ticketId);
    }

    private void decide(TicketViewEntity view, String sourceEventId, VipDirectory vips, PriorityMatrix matrix, VipPolicy policy) {
        VipDirectory.Credit credit = vips.credit(view.requesterKeys, view.submitterKeys, view.vipClaimed);
        Prioritization.Decision d = Prioritization.decide(view.impact, view.urgency, credit, matrix, policy);
        Instant now = Instant.now();

        DecisionEntity e = new DecisionEntity();
        e.ticketId = view.ticketId;
        e.sourceEventId = sourceEventId;
        e.priority = d.priority();
        e.previousPriority = view.priority;
        e.queue = d.queue();
        e.rank = d.rank();
        e.vipTier = d.vipTier();
        e.supportModel = d.supportModel();
        e.slaPolicy = d.slaPolicy();
        e.matrixVersion = matrix.version();
        e.policyVersion = policy.version();
        e.trace = d.trace();
        e.decidedAt = now;
        e.persist();

        view.priority = d.priority();
        view.updatedAt = now;
        view.persist();
        outbox.publish(new TicketPrioritized(view.ticketId, d.priority(), e.previousPriority, d.queue(), d.rank(),
                d.vipTier(), d.supportModel(), d.slaPolicy(), matrix.version(), d.trace(), now));
    }
}
