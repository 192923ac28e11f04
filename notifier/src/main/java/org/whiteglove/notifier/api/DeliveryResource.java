package org.whiteglove.notifier.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.NotificationChannel;
import org.whiteglove.events.Roles;
import org.whiteglove.notifier.delivery.DeliveryStore;
import org.whiteglove.notifier.domain.Alert;
import org.whiteglove.notifier.persistence.AckEntity;
import org.whiteglove.notifier.persistence.DeliveryEntity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The delivery log, and acknowledging an escalation. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deliveries")
public class DeliveryResource {

    public record AttemptView(int attempt, Instant at, String outcome, String detail) {
    }

    public record DeliveryView(String id, String rule, NotificationChannel channel, String recipient, DeliveryEntity.Status status,
                               int attempts, Instant createdAt, Instant finishedAt, Instant nextAttemptAt, String lastError,
                               Alert alert, List<AttemptView> log) {
    }

    public record Ack(String escalationId, String ackedBy, Instant ackedAt) {
    }

    private final DeliveryStore store;
    private final Clock clock;

    public DeliveryResource(DeliveryStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GET
    @Path("deliveries")
    @RolesAllowed({Roles.OPS, Roles.MANAGER, Roles.AGENT})
    public List<DeliveryView> deliveries(@QueryParam("ticketId") @NotBlank String ticketId) {
        return store.ofTicket(ticketId, 500).stream().map(d -> new DeliveryView(d.id.toString(), d.ruleName, d.channel, d.recipient,
                d.status, d.attempts, d.createdAt, d.finishedAt, d.nextAttemptAt, d.lastError, d.alert,
                store.attempts(d.id).stream().map(a -> new AttemptView(a.attempt, a.at, a.outcome, a.detail)).toList())).toList();
    }

    /** {id} is the escalation's event id (the alert's sourceEventId): its reminders stop. */
    @POST
    @Path("escalations/{id}/ack")
    @RolesAllowed({Roles.AGENT, Roles.OPS})
    @Transactional
    public Ack ack(@PathParam("id") String escalationId, @Context SecurityContext caller) {
        if (DeliveryEntity.count("sourceEventId = ?1", escalationId) == 0) {
            throw new NotFoundException("no escalation " + escalationId);
        }
        AckEntity ack = AckEntity.findById(escalationId);
        if (ack == null) {
            ack = new AckEntity();
            ack.escalationId = escalationId;
            ack.ackedBy = caller.getUserPrincipal().getName();
            ack.ackedAt = clock.instant();
            ack.persist();
        }
        return new Ack(ack.escalationId, ack.ackedBy, ack.ackedAt);
    }
}
