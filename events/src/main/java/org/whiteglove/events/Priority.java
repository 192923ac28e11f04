package org.whiteglove.events;

/** Ticket priority, P1 (most urgent) to P5. */
public enum Priority {
    P1, P2, P3, P4, P5;

    public boolean isHigherThan(Priority other) {
        return ordinal() < other.ordinal();
    }
}
