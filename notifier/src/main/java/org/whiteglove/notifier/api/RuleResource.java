package org.whiteglove.notifier.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Roles;
import org.whiteglove.notifier.domain.Rule;
import org.whiteglove.notifier.domain.Webhook;
import org.whiteglove.notifier.persistence.RuleStore;

import java.util.List;
import java.util.UUID;

/** Who hears about what. Webhook secrets are write-only: answers show "********". */
@Path("/api/rules")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OPS, Roles.MANAGER})
@Tag(name = "Notification rules")
public class RuleResource {

    private final RuleStore rules;

    public RuleResource(RuleStore rules) {
        this.rules = rules;
    }

    @GET
    public List<Rule> list() {
        return rules.all().stream().map(RuleResource::masked).toList();
    }

    @GET
    @Path("{id}")
    public Rule get(@PathParam("id") String id) {
        return masked(rules.find(id).orElseThrow(() -> new NotFoundException("no rule " + id)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a rule: alert kind (and escalation level), filters, recipients, webhooks, stream, digest limit, reminders")
    public Response create(@NotNull @Valid Rule request, @Context SecurityContext caller) {
        Rule saved = rules.save(request.withId(UUID.randomUUID().toString()), caller.getUserPrincipal().getName());
        return Response.status(Response.Status.CREATED).entity(masked(saved)).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Rule replace(@PathParam("id") String id, @NotNull @Valid Rule request, @Context SecurityContext caller) {
        rules.find(id).orElseThrow(() -> new NotFoundException("no rule " + id));
        return masked(rules.save(request.withId(id), caller.getUserPrincipal().getName()));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        if (!rules.delete(id)) {
            throw new NotFoundException("no rule " + id);
        }
        return Response.noContent().build();
    }

    private static Rule masked(Rule r) {
        List<Webhook> hooks = r.webhooks().stream().map(w -> new Webhook(w.url(), w.format(), "********" + "********")).toList();
        return new Rule(r.id(), r.name(), r.kind(), r.escalationLevel(), r.priorities(), r.vipTiers(), r.queues(), r.emails(), hooks,
                r.stream(), r.maxPerWindow(), r.window(), r.repeatEvery(), r.enabled());
    }
}
