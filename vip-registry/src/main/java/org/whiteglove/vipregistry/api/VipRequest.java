package org.whiteglove.vipregistry.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.whiteglove.vipregistry.domain.VipDraft;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A VIP as the list owners enter it. {@code reason} is required: every change to the list says why.
 *
 * @param delegates assistants who submit for the VIP; give a delegate's {@code id} to keep it on update
 */
public record VipRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 200) String title,
        @NotBlank @Size(max = 50) String tier,
        @Size(max = 10) List<@NotNull @Size(max = 320) String> emails,
        @Size(max = 10) List<@NotNull @Size(max = 40) String> phones,
        Instant validFrom,
        Instant validUntil,
        @Size(max = 2000) String notes,
        @Size(max = 10) List<@Valid @NotNull Delegate> delegates,
        @NotBlank @Size(max = 1000) String reason) {

    public record Delegate(
            UUID id,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 10) List<@NotNull @Size(max = 320) String> emails,
            @Size(max = 10) List<@NotNull @Size(max = 40) String> phones) {
    }

    VipDraft draft(String externalId) {
        return new VipDraft(externalId, name, title, tier, emails, phones, validFrom, validUntil, notes,
                delegates == null ? List.of()
                        : delegates.stream().map(d -> new VipDraft.DelegateDraft(d.id(), d.name(), d.emails(), d.phones())).toList());
    }
}
