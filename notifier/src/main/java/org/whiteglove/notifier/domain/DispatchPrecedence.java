package org.whiteglove.notifier.domain;

import org.whiteglove.events.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The order in which due deliveries go out when they queue up (an alert storm, a slow receiver, a mail server that
 * was away): by due moment, each priority's moved earlier by its lead. A P1 breach due now goes before P4 warnings
 * that fell due up to (P1's lead − P4's) earlier; a P4 warning that has waited longer than that goes first, so no
 * alert waits behind newer ones forever (aging). Alerts without a priority (digests) have no lead.
 */
public final class DispatchPrecedence {

    /** A due delivery: what the order needs to know of it. */
    public record Due(UUID id, Priority priority, Instant at) {
    }

    private final Map<Priority, Duration> leads;

    public DispatchPrecedence(Map<Priority, Duration> leads) {
        Map<Priority, Duration> copy = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            Duration lead = leads.getOrDefault(p, Duration.ZERO);
            if (lead.isNegative()) {
                throw new IllegalArgumentException("the lead of " + p + " is negative: " + lead);
            }
            copy.put(p, lead);
        }
        this.leads = Map.copyOf(copy);
    }

    /** The moment a delivery ranks at: its due moment, less its priority's lead. */
    public Instant rank(Due due) {
        return due.priority() == null ? due.at() : due.at().minus(leads.get(due.priority()));
    }

    /**
     * The first {@code limit} of these due deliveries, in the order they go out (rank, then due moment, then id).
     * Given each priority's {@code limit} earliest-due deliveries, this is the first {@code limit} of all of them:
     * within one priority, rank order is due order.
     */
    public List<UUID> first(Collection<Due> due, int limit) {
        return due.stream()
                .sorted(Comparator.comparing(this::rank).thenComparing(Due::at).thenComparing(Due::id))
                .limit(limit)
                .map(Due::id)
                .toList();
    }
}
