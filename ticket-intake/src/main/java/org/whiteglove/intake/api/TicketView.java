package org.whiteglove.intake.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.whiteglove.events.Channel;
import org.whiteglove.events.Impact;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.Urgency;
import org.whiteglove.intake.domain.ParsedEmail;
import org.whiteglove.intake.persistence.TicketEntity;
import org.whiteglove.intake.persistence.TicketHistoryEntity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ticket as the API shows it; {@code history} only on a single-ticket read. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketView(
        UUID id,
        String number,
        Channel channel,
        TicketStatus status,
        String subject,
        String description,
        Impact impact,
        Urgency urgency,
        String category,
        String affectedService,
        String assignee,
        Person requester,
        Person submittedBy,
        boolean vipClaimed,
        String sourceRef,
        Double speedOfAnswerSeconds,
        List<ParsedEmail.Attachment> attachments,
        Instant openedAt,
        Instant updatedAt,
        Instant firstRespondedAt,
        Instant resolvedAt,
        Instant closedAt,
        List<HistoryEntry> history) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Person(String name, String email, String phone) {
    }

    /** One line of history: an event the ticket published ({@code eventId} is its ce_id) or a note. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(Instant at, String kind, String actor, UUID eventId, JsonNode detail) {
    }

    static TicketView of(TicketEntity t, List<HistoryEntry> history) {
        Person submitter = t.submitterEmail == null && t.submitterPhone == null && t.submitterName == null
                ? null : new Person(t.submitterName, t.submitterEmail, t.submitterPhone);
        return new TicketView(t.id, t.number, t.channel, t.status, t.subject, t.description, t.impact, t.urgency,
                t.category, t.affectedService, t.assignee, new Person(t.requesterName, t.requesterEmail, t.requesterPhone),
                submitter, t.vipClaimed, t.sourceRef,
                t.speedOfAnswerMillis == null ? null : t.speedOfAnswerMillis / 1000.0,
                List.copyOf(t.attachments), t.openedAt, t.updatedAt, t.firstRespondedAt, t.resolvedAt, t.closedAt, history);
    }

    static HistoryEntry of(TicketHistoryEntity h, JsonNode detail) {
        return new HistoryEntry(h.at, h.kind, h.actor, h.eventId, detail);
    }
}
