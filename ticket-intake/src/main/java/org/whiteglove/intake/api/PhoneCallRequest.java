package org.whiteglove.intake.api;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Urgency;

import java.time.Instant;
import java.util.List;

/**
 * A call event from an ACD/CTI: posted when the agent wraps up the call.
 *
 * @param callId        the ACD's id of the call; the same id twice is the same ticket
 * @param dialedNumber  the number the caller dialled; a VIP hotline number claims VIP service
 * @param ivrSelections the menu choices the caller made, in order
 * @param answeredAt    null for an abandoned call
 */
public record PhoneCallRequest(
        @NotBlank @Size(max = 200) String callId,
        @NotBlank @Size(max = 40) String callerNumber,
        @Size(max = 40) String dialedNumber,
        @Size(max = 100) String queue,
        @Size(max = 20) List<@NotNull @Size(max = 100) String> ivrSelections,
        @NotNull Instant startedAt,
        Instant answeredAt,
        @Size(max = 20_000) String agentNotes,
        @Size(max = 500) String subject,
        @Size(max = 200) String callerName,
        @Email @Size(max = 320) String callerEmail,
        @Size(max = 100) String category,
        Impact impact,
        Urgency urgency) {
}
