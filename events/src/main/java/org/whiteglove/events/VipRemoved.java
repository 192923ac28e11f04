package org.whiteglove.events;

import java.time.Instant;

/** A VIP left the list, removed by its owner or expired; followed by a tombstone on the compacted topic. */
public record VipRemoved(String personId, Reason reason, Instant removedAt) implements VipRegistryEvent {

    public enum Reason { REMOVED, EXPIRED }
}
