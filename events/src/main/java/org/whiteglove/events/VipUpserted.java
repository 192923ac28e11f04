package org.whiteglove.events;

import java.time.Instant;
import java.util.List;

/**
 * A VIP was added or changed. Carries hashed contact keys only (the list itself is personal data
 * that stays in vip-registry).
 *
 * @param validUntil null when open-ended
 */
public record VipUpserted(
        String personId,
        String tier,
        Instant validFrom,
        Instant validUntil,
        List<String> contactKeys,
        List<Delegate> delegates,
        Instant changedAt) implements VipRegistryEvent {

    /** An assistant who may submit tickets on the VIP's behalf. */
    public record Delegate(String delegateId, List<String> contactKeys) {
        public Delegate {
            contactKeys = contactKeys == null ? List.of() : List.copyOf(contactKeys);
        }
    }

    public VipUpserted {
        contactKeys = contactKeys == null ? List.of() : List.copyOf(contactKeys);
        delegates = delegates == null ? List.of() : List.copyOf(delegates);
    }
}
