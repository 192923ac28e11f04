package org.whiteglove.runtime.apikey;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Roles;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Ops issue and revoke the API keys that phone and mail integrations use instead of OAuth. The key is
 * shown once, when issued; only its hash is kept.
 */
@Path("/api/api-keys")
@RolesAllowed(Roles.OPS)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "API keys")
public class ApiKeyResource {

    private final ApiKeyStore store;

    public ApiKeyResource(ApiKeyStore store) {
        this.store = store;
    }

    /**
     * @param roles machine roles only: {@code manager} and {@code vip-admin} see reports and personal data,
     *              which takes a person's token
     */
    public record NewApiKey(
            @NotBlank @Size(max = 100) String name,
            @NotEmpty Set<@NotNull @Pattern(regexp = "intake|agent|ops", message = "must be intake, agent or ops") String> roles) {
    }

    public record IssuedApiKey(UUID id, String name, Set<String> roles, String key, Instant createdAt) {
    }

    @POST
    @Operation(summary = "Issue an API key; the answer is the only time the key is shown")
    public Response issue(@Valid @NotNull NewApiKey request, @Context SecurityContext caller, @Context UriInfo uri)
            throws SQLException {
        String key = ApiKeys.newKey();
        ApiKeyStore.ApiKey created = store.create(request.name(), request.roles(), caller.getUserPrincipal().getName(), key);
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build())
                .entity(new IssuedApiKey(created.id(), created.name(), created.roles(), key, created.createdAt()))
                .build();
    }

    @GET
    @Operation(summary = "List the keys, live and revoked, without the keys themselves")
    public List<ApiKeyStore.ApiKey> list() throws SQLException {
        return store.list();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Revoke a key; it stops working at once")
    public void revoke(@PathParam("id") UUID id) throws SQLException {
        if (!store.revoke(id)) {
            throw new NotFoundException("no live API key " + id);
        }
    }
}
