package org.whiteglove.intake.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Channel;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Roles;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.Urgency;
import org.whiteglove.intake.domain.NewTicket;
import org.whiteglove.events.PhoneNumbers;
import org.whiteglove.intake.domain.TicketPatch;
import org.whiteglove.intake.persistence.TicketEntity;
import org.whiteglove.intake.persistence.TicketOpener;
import org.whiteglove.intake.persistence.TicketStore;
import org.whiteglove.runtime.problem.InvalidFieldException;
import org.whiteglove.runtime.problem.Problem;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Tickets from the web portal and API clients; agents work them here. */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
public class TicketResource {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Set<String> PATCHABLE = Set.of("impact", "urgency", "assignee", "category", "status");

    private final TicketStore store;
    private final TicketOpener opener;
    private final PhoneNumbers phones;
    private final ObjectMapper json;

    public TicketResource(TicketStore store, TicketOpener opener, PhoneNumbers phones, ObjectMapper json) {
        this.store = store;
        this.opener = opener;
        this.phones = phones;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INTAKE)
    @Operation(summary = "Open a ticket; the same Idempotency-Key and body return the same ticket")
    public CompletionStage<Response> create(@Valid @NotNull CreateTicketRequest request,
                           @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                           @Context SecurityContext security, @Context UriInfo uri) throws JsonProcessingException {
        Channel channel = request.channel() == null ? Channel.API : request.channel();
        if (channel != Channel.WEB && channel != Channel.API) {
            throw new InvalidFieldException("channel", "must be WEB or API; phone calls and mail go to /api/intake/phone and /api/intake/email");
        }
        String caller = Callers.name(security);
        TicketStore.IntakeKey key = null;
        if (idempotencyKey != null) {
            if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
                throw new InvalidFieldException(IDEMPOTENCY_KEY, "must be 1 to 200 characters");
            }
            // Keys are the caller's own: two integrations choosing the same key never collide.
            key = new TicketStore.IntakeKey(TicketStore.KeyKind.IDEMPOTENCY_KEY, caller + "\n" + idempotencyKey,
                    sha256(json.writeValueAsBytes(request)));
        }
        NewTicket ticket = new NewTicket(channel, request.subject().strip(), request.description(), request.category(),
                request.affectedService(), request.impact(), request.urgency(), party(request.requester(), "requester"),
                request.submittedBy() == null ? null : party(request.submittedBy(), "submittedBy"),
                Boolean.TRUE.equals(request.vipClaimed()), idempotencyKey, null, List.of(), null);
        String path = uri.getPath();
        UriBuilder location = uri.getAbsolutePathBuilder();
        return opener.open(ticket, key, caller).thenApply(opened -> {
            if (opened.replayed() && !opened.sameRequest()) {
                return Problem.of(422, "Unprocessable Content", "idempotency-key-reused",
                        "this Idempotency-Key was used for a different request (ticket " + opened.ticket().number + ")",
                        List.of(new Problem.FieldError(IDEMPOTENCY_KEY, "use a new key for a new ticket"))).at(path).toResponse();
            }
            Response.ResponseBuilder created = Response.created(location.path(opened.ticket().id.toString()).build())
                    .entity(TicketView.of(opened.ticket(), null));
            return opened.replayed() ? created.header("Idempotent-Replayed", "true").build() : created.build();
        });
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.AGENT, Roles.MANAGER})
    @Operation(summary = "A ticket's current state and its history")
    public TicketView get(@PathParam("id") UUID id) {
        TicketEntity t = store.find(id).orElseThrow(() -> new NotFoundException("no ticket " + id));
        return TicketView.of(t, store.history(id).stream().map(h -> TicketView.of(h, readTree(h.detail))).toList());
    }

    @PATCH
    @Path("{id}")
    @Consumes({"application/merge-patch+json", MediaType.APPLICATION_JSON})
    @RolesAllowed(Roles.AGENT)
    @Operation(summary = "Change impact, urgency, assignee, category or status (JSON merge patch)")
    public TicketView patch(@PathParam("id") UUID id, JsonNode body, @Context SecurityContext security) {
        if (body == null || !body.isObject() || body.isEmpty()) {
            throw new InvalidFieldException("body", "a JSON object with at least one of " + PATCHABLE);
        }
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!PATCHABLE.contains(name)) {
                throw new InvalidFieldException(name, "cannot be changed here; changeable fields are " + PATCHABLE);
            }
        }
        TicketPatch patch = new TicketPatch(
                required(body, "impact", Impact.class),
                required(body, "urgency", Urgency.class),
                clearable(body, "assignee", 200),
                clearable(body, "category", 100),
                required(body, "status", TicketStatus.class));
        TicketEntity updated = store.update(id, patch, Callers.name(security));
        return TicketView.of(updated, null);
    }

    private NewTicket.Party party(CreateTicketRequest.Person person, String field) {
        String phone = null;
        if (person.phone() != null && !person.phone().isBlank()) {
            phone = phones.toE164(person.phone())
                    .orElseThrow(() -> new InvalidFieldException(field + ".phone", "is not a valid phone number"));
        }
        String email = person.email() == null || person.email().isBlank() ? null : person.email().strip().toLowerCase();
        return new NewTicket.Party(person.name(), email, phone);
    }

    private static <E extends Enum<E>> E required(JsonNode body, String field, Class<E> type) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidFieldException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
        try {
            return Enum.valueOf(type, value.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static Optional<String> clearable(JsonNode body, String field, int maxLength) {
        JsonNode value = body.get(field);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > maxLength) {
            throw new InvalidFieldException(field, "must be text of 1 to " + maxLength + " characters, or null to clear it");
        }
        return Optional.of(value.asText().strip());
    }

    private JsonNode readTree(String detail) {
        try {
            return json.readTree(detail);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(detail);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
