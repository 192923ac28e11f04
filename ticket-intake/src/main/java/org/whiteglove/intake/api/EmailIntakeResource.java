package org.whiteglove.intake.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Channel;
import org.whiteglove.events.Roles;
import org.whiteglove.intake.config.IntakeConfig;
import org.whiteglove.intake.domain.EmailParser;
import org.whiteglove.intake.domain.NewTicket;
import org.whiteglove.intake.domain.ParsedEmail;
import org.whiteglove.intake.domain.TicketLifecycle;
import org.whiteglove.intake.domain.TicketNumber;
import org.whiteglove.intake.persistence.TicketEntity;
import org.whiteglove.intake.persistence.TicketStore;
import org.whiteglove.runtime.problem.BodyLimits;

import java.util.Optional;
import java.util.UUID;

/**
 * Mail from the desk's mailboxes, one raw RFC 5322 message per request (a mail gateway or fetcher posts
 * it). A new mail opens a ticket; a reply updates its ticket; a repeat delivery changes nothing;
 * auto-replies, bounces and bulk mail are acknowledged and dropped.
 */
@Path("/api/intake/email")
@Tag(name = "Intake")
public class EmailIntakeResource {

    /** What became of a mail. */
    public enum Outcome { CREATED, UPDATED, DUPLICATE, IGNORED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EmailIntakeResult(Outcome outcome, String reason, TicketView ticket) {
    }

    private final TicketStore store;
    private final IntakeConfig config;
    private final long maxBytes;

    public EmailIntakeResource(TicketStore store, IntakeConfig config,
                               @ConfigProperty(name = "whiteglove.limits.other-body", defaultValue = "10485760") long maxBytes) {
        this.store = store;
        this.config = config;
        this.maxBytes = maxBytes;
    }

    @POST
    @Consumes("message/rfc822")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.INTAKE)
    @Operation(summary = "Take one inbound mail (raw RFC 5322)")
    public Response receive(byte[] raw, @Context SecurityContext security, @Context UriInfo uri) {
        if (raw.length > maxBytes) {
            return BodyLimits.tooLarge(uri.getPath(), raw.length, maxBytes);
        }
        ParsedEmail mail = EmailParser.parse(raw);
        if (mail.isAutomatic()) {
            return Response.accepted(new EmailIntakeResult(Outcome.IGNORED, mail.automatic(), null)).build();
        }
        Optional<UUID> known = store.ticketFor(TicketStore.KeyKind.MESSAGE_ID, mail.messageId());
        if (known.isPresent()) {
            return duplicate(known.get());
        }
        Optional<TicketEntity> thread = replyTarget(mail);
        if (thread.isPresent()) {
            return store.customerReply(thread.get().id, mail.messageId(), mail.from().email(), mail.latestReply(), mail.attachments())
                    .map(updated -> Response.ok(new EmailIntakeResult(Outcome.UPDATED, null, TicketView.of(updated, null))).build())
                    .orElseGet(() -> duplicate(thread.get().id));
        }
        NewTicket ticket = new NewTicket(Channel.EMAIL,
                mail.subject().isBlank() ? "(no subject)" : truncate(mail.subject(), 500),
                truncate(mail.body(), 20_000), null, null,
                config.defaults().impact(),
                mail.requestedUrgency() != null ? mail.requestedUrgency() : config.defaults().urgency(),
                new NewTicket.Party(mail.from().name(), mail.from().email(), null),
                mail.sender() == null ? null : new NewTicket.Party(mail.sender().name(), mail.sender().email(), null),
                false, mail.messageId(), null, mail.attachments(), null);
        TicketStore.Opened opened = store.open(ticket,
                new TicketStore.IntakeKey(TicketStore.KeyKind.MESSAGE_ID, mail.messageId(), null), Callers.name(security));
        if (opened.replayed()) {
            return duplicate(opened.ticket().id);
        }
        return Response.created(uri.getBaseUriBuilder().path("api/tickets").path(opened.ticket().id.toString()).build())
                .entity(new EmailIntakeResult(Outcome.CREATED, null, TicketView.of(opened.ticket(), null))).build();
    }

    /** The open ticket this mail answers: by the messages it references, else by a ticket number in its subject. */
    private Optional<TicketEntity> replyTarget(ParsedEmail mail) {
        Optional<TicketEntity> target = mail.referencedIds().stream()
                .map(id -> store.ticketFor(TicketStore.KeyKind.MESSAGE_ID, id))
                .flatMap(Optional::stream)
                .findFirst()
                .flatMap(store::find);
        if (target.isEmpty()) {
            target = TicketNumber.findIn(mail.subject()).flatMap(store::findByNumber);
        }
        return target.filter(t -> !TicketLifecycle.isFinal(t.status));
    }

    private Response duplicate(UUID ticketId) {
        return Response.ok(new EmailIntakeResult(Outcome.DUPLICATE, "this Message-ID was already taken", view(ticketId))).build();
    }

    private TicketView view(UUID id) {
        return store.find(id).map(t -> TicketView.of(t, null)).orElse(null);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
