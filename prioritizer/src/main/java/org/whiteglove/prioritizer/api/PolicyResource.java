package org.whiteglove.prioritizer.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Priority;
import org.whiteglove.events.Roles;
import org.whiteglove.events.Urgency;
import org.whiteglove.prioritizer.domain.PriorityMatrix;
import org.whiteglove.prioritizer.domain.VipPolicy;
import org.whiteglove.prioritizer.persistence.PolicyStore;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.util.List;
import java.util.Map;

/** Managers own the matrix and the VIP policy; each change is a new version that new decisions use. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
@Tag(name = "Matrix and VIP policy")
public class PolicyResource {

    public record MatrixRequest(@NotNull Map<Impact, Map<Urgency, Priority>> cells) {
    }

    public record PolicyRequest(@NotNull Priority cap, @NotNull Map<String, VipPolicy.TierPolicy> tiers) {
    }

    private final PolicyStore store;

    public PolicyResource(PolicyStore store) {
        this.store = store;
    }

    @GET
    @Path("matrix")
    public PriorityMatrix matrix() {
        return store.matrix();
    }

    @PUT
    @Path("matrix")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the impact × urgency matrix; every one of the 16 cells, P1 to P5")
    public PriorityMatrix putMatrix(@NotNull MatrixRequest request, @Context SecurityContext caller) {
        List<String> missing = PriorityMatrix.missingCells(request.cells());
        if (!missing.isEmpty()) {
            throw new InvalidFieldException("cells", "every impact × urgency cell needs a priority; missing " + missing);
        }
        return store.saveMatrix(new PriorityMatrix(0, request.cells()), caller.getUserPrincipal().getName());
    }

    @GET
    @Path("vip-policy")
    public VipPolicy policy() {
        return store.policy();
    }

    @PUT
    @Path("vip-policy")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the VIP policy: a support model per tier, and the cap VIP treatment never beats")
    public VipPolicy putPolicy(@NotNull PolicyRequest request, @Context SecurityContext caller) {
        try {
            return store.savePolicy(new VipPolicy(0, request.cap(), request.tiers()), caller.getUserPrincipal().getName());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(e.getMessage().contains("cap") ? "cap" : "tiers", e.getMessage());
        }
    }
}
