package org.whiteglove.intake.domain;

import org.whiteglove.events.Impact;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.Urgency;

import java.util.Optional;

/**
 * A merge patch of a ticket: a null field is untouched; for assignee and category an empty Optional
 * clears the value.
 */
public record TicketPatch(
        Impact impact,
        Urgency urgency,
        Optional<String> assignee,
        Optional<String> category,
        TicketStatus status) {
}
