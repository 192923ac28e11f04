package org.whiteglove.events;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Impact, urgency, assignee or category changed. The fields carry the values after the change, so a
 * consumer never needs earlier events to know the current state; {@code changed} names what changed.
 */
public record TicketUpdated(
        String ticketId,
        Impact impact,
        Urgency urgency,
        String assignee,
        String category,
        Set<Field> changed,
        String actor,
        Instant updatedAt) implements TicketEvent {

    public enum Field { IMPACT, URGENCY, ASSIGNEE, CATEGORY }

    public TicketUpdated {
        // An EnumSet keeps declaration order, so the JSON is the same in every JVM (Set.copyOf's order is not).
        changed = changed == null || changed.isEmpty()
                ? Set.of()
                : Collections.unmodifiableSet(EnumSet.copyOf(changed));
    }

    public boolean changesPriorityInputs() {
        return changed.contains(Field.IMPACT) || changed.contains(Field.URGENCY);
    }
}
