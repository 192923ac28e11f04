package org.whiteglove.runtime.precedence;

import org.whiteglove.events.Priority;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which queued work goes when more of it is due than one pass handles (a burst of deadlines, an alert
 * storm, a mail server that was away): by due moment, each priority's moved earlier by its lead. With leads of 10 min
 * for P1 and 1 min for P4, a P1 item due now goes before P4 items that fell due up to 9 minutes earlier; a P4 item
 * that has waited longer than that goes first, so nothing waits behind newer work forever (aging). Items without a
 * priority (digests) have no lead. The notifier sends deliveries in this order; sla-monitor fires timers in it.
 *
 * @param <K> what identifies an item; it breaks the last ties, so the order is the same on every pass
 */
public final class CriticalFirst<K extends Comparable<K>> {

    /** A due item: what the order needs to know of it. */
    public record Due<K>(K key, Priority priority, Instant at) {
    }

    private final Map<Priority, Duration> leads;
    private final Comparator<Due<K>> order;

    public CriticalFirst(Map<Priority, Duration> leads) {
        Map<Priority, Duration> copy = new EnumMap<>(Priority.class);
        for (Priority p : Priority.values()) {
            Duration lead = leads.getOrDefault(p, Duration.ZERO);
            if (lead.isNegative()) {
                throw new IllegalArgumentException("the lead of " + p + " is negative: " + lead);
            }
            copy.put(p, lead);
        }
        this.leads = Map.copyOf(copy);
        this.order = Comparator.comparing((Due<K> d) -> rank(d)).thenComparing(Due::at).thenComparing(Due::key);
    }

    public CriticalFirst(PriorityLeads leads) {
        this(leads.byPriority());
    }

    /** The moment an item ranks at: its due moment, less its priority's lead. */
    public Instant rank(Due<K> due) {
        return due.priority() == null ? due.at() : due.at().minus(leads.get(due.priority()));
    }

    /**
     * The first {@code limit} of these due items, in the order they go (rank, then due moment, then key). Given each
     * priority's {@code limit} earliest-due items, this is the first {@code limit} of all of them: within one
     * priority, rank order is due order.
     */
    public List<K> first(Collection<Due<K>> due, int limit) {
        return due.stream().sorted(order).limit(limit).map(Due::key).toList();
    }
}
