package org.whiteglove.intake.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.whiteglove.events.Roles;
import org.whiteglove.intake.config.IntakeConfig;
import org.whiteglove.intake.config.PhoneSetup;
import org.whiteglove.intake.domain.NewTicket;
import org.whiteglove.events.PhoneNumbers;
import org.whiteglove.intake.persistence.TicketOpener;
import org.whiteglove.intake.persistence.TicketStore;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Calls from the phone system (ACD/CTI): one call event, one ticket, however often the ACD resends it. */
@Path("/api/intake/phone")
@Tag(name = "Intake")
public class PhoneIntakeResource {

    private final TicketOpener opener;
    private final PhoneNumbers phones;
    private final PhoneSetup.VipHotlines hotlines;
    private final IntakeConfig config;

    public PhoneIntakeResource(TicketOpener opener, PhoneNumbers phones, PhoneSetup.VipHotlines hotlines, IntakeConfig config) {
        this.opener = opener;
        this.phones = phones;
        this.hotlines = hotlines;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INTAKE)
    @Operation(summary = "Take one call event; the same callId returns the same ticket")
    public CompletionStage<Response> receive(@Valid @NotNull PhoneCallRequest request, @Context SecurityContext security, @Context UriInfo uri) {
        PhoneCallRequest call = request;
        String caller = phones.toE164(call.callerNumber())
                .orElseThrow(() -> new InvalidFieldException("callerNumber", "is not a valid phone number"));
        String dialed = null;
        if (call.dialedNumber() != null && !call.dialedNumber().isBlank()) {
            dialed = phones.toE164(call.dialedNumber())
                    .orElseThrow(() -> new InvalidFieldException("dialedNumber", "is not a valid phone number"));
        }
        Duration speedOfAnswer = null;
        if (call.answeredAt() != null) {
            speedOfAnswer = Duration.between(call.startedAt(), call.answeredAt());
            if (speedOfAnswer.isNegative()) {
                throw new InvalidFieldException("answeredAt", "is before startedAt");
            }
        }
        String subject = call.subject() != null && !call.subject().isBlank() ? call.subject().strip()
                : "Phone call from " + caller + (call.queue() == null ? "" : " (" + call.queue() + ")");
        NewTicket ticket = new NewTicket(Channel.PHONE, subject, description(call), call.category(), null,
                call.impact() != null ? call.impact() : config.defaults().impact(),
                call.urgency() != null ? call.urgency() : config.defaults().urgency(),
                new NewTicket.Party(call.callerName(), call.callerEmail() == null ? null : call.callerEmail().strip().toLowerCase(), caller),
                null, hotlines.contains(dialed), call.callId(), speedOfAnswer, List.of(), call.startedAt());
        UriBuilder tickets = uri.getBaseUriBuilder().path("api/tickets");
        return opener.open(ticket, new TicketStore.IntakeKey(TicketStore.KeyKind.CALL_ID, call.callId(), null), Callers.name(security))
                .thenApply(opened -> {
                    TicketView view = TicketView.of(opened.ticket(), null);
                    if (opened.replayed()) {
                        return Response.ok(view).header("Idempotent-Replayed", "true").build();
                    }
                    return Response.created(tickets.path(opened.ticket().id.toString()).build()).entity(view).build();
                });
    }

    private static String description(PhoneCallRequest call) {
        StringBuilder text = new StringBuilder();
        if (call.agentNotes() != null && !call.agentNotes().isBlank()) {
            text.append(call.agentNotes().strip());
        }
        if (call.ivrSelections() != null && !call.ivrSelections().isEmpty()) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append("IVR: ").append(String.join(" > ", call.ivrSelections()));
        }
        return text.isEmpty() ? null : text.toString();
    }
}
