package org.whiteglove.prioritizer.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.ContactKey;
import org.whiteglove.events.Impact;
import org.whiteglove.events.PhoneNumbers;
import org.whiteglove.events.Priority;
import org.whiteglove.events.Roles;
import org.whiteglove.events.SupportModel;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.Urgency;
import org.whiteglove.prioritizer.domain.Prioritization;
import org.whiteglove.prioritizer.messaging.VipListView;
import org.whiteglove.prioritizer.persistence.DecisionEntity;
import org.whiteglove.prioritizer.persistence.DecisionStore;
import org.whiteglove.prioritizer.persistence.PolicyStore;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Why a ticket has its priority, and what a ticket would get. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions")
public class DecisionResource {

    public record DecisionView(Priority priority, Priority previousPriority, String queue, int rank, String vipTier,
                               SupportModel supportModel, String slaPolicy, int matrixVersion, int policyVersion,
                               TicketPrioritized.DecisionTrace trace, Instant decidedAt) {
        static DecisionView of(DecisionEntity e) {
            return new DecisionView(e.priority, e.previousPriority, e.queue, e.rank, e.vipTier, e.supportModel, e.slaPolicy,
                    e.matrixVersion, e.policyVersion, e.trace, e.decidedAt);
        }
    }

    public record Person(@Email @Size(max = 320) String email, @Size(max = 40) String phone) {
    }

    public record PreviewRequest(@NotNull Impact impact, @NotNull Urgency urgency, @Valid Person requester,
                                 @Valid Person submittedBy, boolean vipClaimed) {
    }

    public record Preview(Priority priority, String queue, int rank, String vipTier, SupportModel supportModel,
                          String slaPolicy, int matrixVersion, int policyVersion, TicketPrioritized.DecisionTrace trace) {
    }

    private final DecisionStore decisions;
    private final PolicyStore policies;
    private final VipListView vips;
    private final PhoneNumbers phones;
    private final String salt;

    public DecisionResource(DecisionStore decisions, PolicyStore policies, VipListView vips,
                            @ConfigProperty(name = "whiteglove.prioritizer.phone-default-region") String region,
                            @ConfigProperty(name = "whiteglove.contact-key-salt") String salt) {
        this.decisions = decisions;
        this.policies = policies;
        this.vips = vips;
        this.phones = new PhoneNumbers(region);
        this.salt = salt;
    }

    @GET
    @Path("decisions/{ticketId}")
    @RolesAllowed({Roles.AGENT, Roles.MANAGER})
    @Operation(summary = "Every decision made for a ticket, oldest first, each with its explanation")
    public List<DecisionView> history(@PathParam("ticketId") String ticketId) {
        List<DecisionView> history = decisions.history(ticketId).stream().map(DecisionView::of).toList();
        if (history.isEmpty()) {
            throw new NotFoundException("no decision for ticket " + ticketId);
        }
        return history;
    }

    @POST
    @Path("priority/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.INTAKE})
    @Operation(summary = "What a ticket would get, with the current matrix, policy and VIP list; nothing is published")
    public Preview preview(@Valid @NotNull PreviewRequest request) {
        var matrix = policies.matrix();
        var policy = policies.policy();
        var credit = vips.directory().credit(keys(request.requester(), "requester"), keys(request.submittedBy(), "submittedBy"),
                request.vipClaimed());
        var d = Prioritization.decide(request.impact(), request.urgency(), credit, matrix, policy);
        return new Preview(d.priority(), d.queue(), d.rank(), d.vipTier(), d.supportModel(), d.slaPolicy(),
                matrix.version(), policy.version(), d.trace());
    }

    private List<String> keys(Person person, String field) {
        List<String> keys = new ArrayList<>();
        if (person == null) {
            return keys;
        }
        if (person.email() != null && !person.email().isBlank()) {
            keys.add(ContactKey.ofEmail(salt, person.email()));
        }
        if (person.phone() != null && !person.phone().isBlank()) {
            keys.add(ContactKey.ofPhone(salt, phones.toE164(person.phone())
                    .orElseThrow(() -> new InvalidFieldException(field + ".phone", "is not a valid phone number"))));
        }
        return keys;
    }
}
