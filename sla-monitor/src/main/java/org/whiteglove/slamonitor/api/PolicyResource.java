package org.whiteglove.slamonitor.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Roles;
import org.whiteglove.slamonitor.domain.EscalationLevel;
import org.whiteglove.slamonitor.domain.Reprioritization;
import org.whiteglove.slamonitor.domain.SlaPolicy;
import org.whiteglove.slamonitor.persistence.SettingsStore;

import java.time.Duration;
import java.util.List;

/**
 * SLA policies: one per priority (P1–P5) and named ones for dedicated VIP queues. A change applies to
 * clocks started or re-prioritized afterwards; running clocks keep the targets they started with.
 */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SLA policies")
public class PolicyResource {

    /** A policy without its name (the name is in the path). */
    public record PolicyRequest(
            @NotNull Duration responseTarget,
            @NotNull Duration resolutionTarget,
            @NotNull String calendar,
            List<Integer> warningPercents,
            List<Duration> warningsBefore,
            List<EscalationLevel> escalations,
            Reprioritization onReprioritization) {
    }

    private final SettingsStore settings;

    public PolicyResource(SettingsStore settings) {
        this.settings = settings;
    }

    @GET
    @RolesAllowed({Roles.MANAGER, Roles.OPS, Roles.AGENT})
    public List<SlaPolicy> list() {
        return List.copyOf(settings.settings().policies().values());
    }

    @GET
    @Path("{name}")
    @RolesAllowed({Roles.MANAGER, Roles.OPS, Roles.AGENT})
    public SlaPolicy get(@PathParam("name") String name) {
        SlaPolicy p = settings.settings().policies().get(name);
        if (p == null) {
            throw new NotFoundException("no SLA policy named " + name);
        }
        return p;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Replace every policy: P1–P5 required, named policies not listed are removed")
    public List<SlaPolicy> replaceAll(@NotEmpty List<@Valid @NotNull SlaPolicy> request, @Context SecurityContext caller) {
        return settings.replacePolicies(request, caller.getUserPrincipal().getName());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    @Operation(summary = "Create or replace one policy (P1–P5 or a named policy such as vip-dedicated)")
    public SlaPolicy put(@PathParam("name") String name, @NotNull @Valid PolicyRequest request, @Context SecurityContext caller) {
        SlaPolicy policy = new SlaPolicy(name, request.responseTarget(), request.resolutionTarget(), request.calendar(),
                request.warningPercents(), request.warningsBefore(), request.escalations(), request.onReprioritization());
        return settings.savePolicy(policy, caller.getUserPrincipal().getName());
    }
}
