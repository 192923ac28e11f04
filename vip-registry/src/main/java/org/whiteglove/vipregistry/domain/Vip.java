package org.whiteglove.vipregistry.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A person on the VIP list, with the assistants who may submit for them. Contacts are normalized:
 * emails lower-case, phones E.164.
 *
 * @param externalId the HR system's id when the person came from an import; null for manual entries
 * @param validFrom  null: valid since always
 * @param validUntil null: open-ended; exclusive
 */
public record Vip(
        UUID id,
        String externalId,
        String name,
        String title,
        String tier,
        List<String> emails,
        List<String> phones,
        Instant validFrom,
        Instant validUntil,
        String notes,
        List<Delegate> delegates) {

    public Vip {
        emails = emails == null ? List.of() : List.copyOf(emails);
        phones = phones == null ? List.of() : List.copyOf(phones);
        delegates = delegates == null ? List.of() : List.copyOf(delegates);
    }

    /** An executive assistant: tickets they submit for this VIP are credited to the VIP. */
    public record Delegate(UUID id, String name, List<String> emails, List<String> phones) {
        public Delegate {
            emails = emails == null ? List.of() : List.copyOf(emails);
            phones = phones == null ? List.of() : List.copyOf(phones);
        }
    }

    public boolean eligibleAt(Instant t) {
        return (validFrom == null || !t.isBefore(validFrom)) && (validUntil == null || t.isBefore(validUntil));
    }

    /** Every email and phone of the VIP and their delegates: what must be unique across the list. */
    public List<String> contacts() {
        List<String> all = new ArrayList<>(emails);
        all.addAll(phones);
        delegates.forEach(d -> {
            all.addAll(d.emails());
            all.addAll(d.phones());
        });
        return all;
    }
}
