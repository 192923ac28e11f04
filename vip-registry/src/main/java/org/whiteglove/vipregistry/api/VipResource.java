package org.whiteglove.vipregistry.api;

import com.fasterxml.jackson.annotation.JsonInclude;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.whiteglove.events.PhoneNumbers;
import org.whiteglove.events.Roles;
import org.whiteglove.runtime.problem.InvalidFieldException;
import org.whiteglove.runtime.problem.Problem;
import org.whiteglove.vipregistry.config.VipConfig;
import org.whiteglove.vipregistry.domain.Vip;
import org.whiteglove.vipregistry.domain.VipDraft;
import org.whiteglove.vipregistry.persistence.ContactClashException;
import org.whiteglove.vipregistry.persistence.ValidityWatcher;
import org.whiteglove.vipregistry.persistence.VipImport;
import org.whiteglove.vipregistry.persistence.VipStore;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The VIP list: personal data, so only its owners ({@code vip-admin}) read and change it; agents may
 * only ask whether a caller is eligible.
 */
@Path("/api/vips")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "VIP list")
public class VipResource {

    /** The answer to "is this caller a VIP?": no contact lists. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Eligibility(boolean eligible, UUID personId, String tier, String match, UUID delegateId) {
    }

    public record AuditEntry(Instant at, String actor, String action, String reason, Vip before, Vip after) {
    }

    private final VipStore store;
    private final VipImport imports;
    private final ValidityWatcher validity;
    private final PhoneNumbers phones;
    private final Set<String> tiers;

    public VipResource(VipStore store, VipImport imports, ValidityWatcher validity, VipConfig config) {
        this.store = store;
        this.imports = imports;
        this.validity = validity;
        this.phones = new PhoneNumbers(config.phoneDefaultRegion());
        this.tiers = new LinkedHashSet<>(config.tiers());
    }

    @GET
    @RolesAllowed(Roles.VIP_ADMIN)
    @Operation(summary = "The whole list")
    public List<Vip> list() {
        return store.list();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIP_ADMIN)
    @Operation(summary = "Add a VIP (with delegates); 409 when an email or phone belongs to someone else")
    public Response create(@Valid @NotNull VipRequest request, @Context SecurityContext caller, @Context UriInfo uri) {
        Vip vip = store.create(normalize(request.draft(null), UUID.randomUUID()), actor(caller), request.reason());
        validity.listChanged();
        return Response.created(uri.getAbsolutePathBuilder().path(vip.id().toString()).build()).entity(vip).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.VIP_ADMIN)
    public Vip get(@PathParam("id") UUID id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("no VIP " + id));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.VIP_ADMIN)
    @Operation(summary = "Replace a VIP's record")
    public Vip replace(@PathParam("id") UUID id, @Valid @NotNull VipRequest request, @Context SecurityContext caller) {
        Vip current = get(id);
        Vip vip = store.replace(id, normalize(request.draft(current.externalId()), id), actor(caller), request.reason());
        validity.listChanged();
        return vip;
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed(Roles.VIP_ADMIN)
    @Operation(summary = "Remove a VIP; `reason` says why")
    public void remove(@PathParam("id") UUID id, @QueryParam("reason") String reason, @Context SecurityContext caller) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidFieldException("reason", "is required: every change to the list says why");
        }
        store.remove(id, actor(caller), reason);
        validity.listChanged();
    }

    @GET
    @Path("lookup")
    @RolesAllowed({Roles.VIP_ADMIN, Roles.AGENT})
    @Operation(summary = "Is this email or phone a VIP (or a VIP's delegate) now?")
    public Eligibility lookup(@QueryParam("email") String email, @QueryParam("phone") String phone) {
        if ((email == null) == (phone == null)) {
            throw new InvalidFieldException(email == null ? "email" : "phone", "give exactly one of email or phone");
        }
        String contact = email != null ? email.strip().toLowerCase(Locale.ROOT)
                : phones.toE164(phone).orElseThrow(() -> new InvalidFieldException("phone", "is not a valid phone number"));
        return store.lookup(contact, Instant.now())
                .filter(VipStore.Match::eligible)
                .map(m -> new Eligibility(true, m.personId(), m.tier(), m.delegateId() == null ? "VIP" : "DELEGATE", m.delegateId()))
                .orElse(new Eligibility(false, null, null, null, null));
    }

    @GET
    @Path("{id}/audit")
    @RolesAllowed(Roles.VIP_ADMIN)
    @Operation(summary = "Every change of this VIP: who, when, what and why")
    public List<AuditEntry> audit(@PathParam("id") UUID id) {
        return store.audit(id).stream()
                .map(a -> new AuditEntry(a.at, a.actor, a.action, a.reason, a.before, a.after))
                .toList();
    }

    @POST
    @Path("import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.VIP_ADMIN)
    @Operation(summary = "Import an HR export (CSV); dryRun previews, all-or-nothing unless partial=true")
    public Response importCsv(String csv, @QueryParam("dryRun") boolean dryRun, @QueryParam("partial") boolean partial,
                              @QueryParam("reason") String reason, @Context SecurityContext caller) {
        VipImport.Outcome outcome;
        try {
            outcome = imports.run(csv, dryRun, partial, tiers, phones, actor(caller), reason);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("body", e.getMessage());
        }
        validity.listChanged();
        boolean refused = !dryRun && !outcome.applied();
        return Response.status(refused ? 422 : 200).entity(outcome).build();
    }

    @ServerExceptionMapper
    public Response clash(ContactClashException e, UriInfo uri) {
        return Problem.of(Response.Status.CONFLICT, "contact-clash", e.getMessage(),
                List.of(new Problem.FieldError("contacts", e.contact() + " is taken"))).at(uri.getPath()).toResponse();
    }

    private Vip normalize(VipDraft draft, UUID id) {
        VipDraft.Result result = draft.normalize(id, tiers, phones);
        if (!result.valid()) {
            VipDraft.FieldError first = result.errors().get(0);
            throw new InvalidFieldException(first.field(), first.message());
        }
        return result.vip();
    }

    private static String actor(SecurityContext caller) {
        return caller.getUserPrincipal() == null ? "anonymous" : caller.getUserPrincipal().getName();
    }
}
