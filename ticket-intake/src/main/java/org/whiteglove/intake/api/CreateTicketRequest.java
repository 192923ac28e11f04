package org.whiteglove.intake.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.whiteglove.events.Channel;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Urgency;

/**
 * A ticket from the web portal or an API client. There is no priority and no VIP flag: the prioritizer
 * decides both; {@code vipClaimed} is only the caller's claim.
 *
 * @param submittedBy someone submitting on the requester's behalf (e.g. an executive assistant)
 * @param channel     WEB or API (default API); phone and mail have their own endpoints
 */
public record CreateTicketRequest(
        @NotNull @Valid Person requester,
        @Valid Person submittedBy,
        @NotBlank @Size(max = 500) String subject,
        @Size(max = 20_000) String description,
        @NotNull Impact impact,
        @NotNull Urgency urgency,
        @Size(max = 100) String category,
        @Size(max = 100) String affectedService,
        Channel channel,
        Boolean vipClaimed) {

    /** A person as the caller knows them: at least an email or a phone number. */
    public record Person(
            @Size(max = 200) String name,
            @Email @Size(max = 320) String email,
            @Size(max = 40) String phone) {

        @JsonIgnore
        @AssertTrue(message = "needs an email or a phone number")
        public boolean isReachable() {
            return email != null && !email.isBlank() || phone != null && !phone.isBlank();
        }
    }
}
