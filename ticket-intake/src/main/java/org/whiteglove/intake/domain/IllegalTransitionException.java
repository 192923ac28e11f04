package org.whiteglove.intake.domain;

import org.whiteglove.events.TicketStatus;

import java.util.Set;

/** A status change the lifecycle does not allow; the API answers 409 with what is allowed instead. */
public class IllegalTransitionException extends RuntimeException {

    private final transient Set<TicketStatus> allowed;

    public IllegalTransitionException(TicketStatus from, TicketStatus to, Set<TicketStatus> allowed) {
        super(from + " → " + to + " is not allowed; from " + from + " a ticket may go to "
                + (allowed.isEmpty() ? "nothing (it is final)" : allowed));
        this.allowed = allowed;
    }

    public Set<TicketStatus> allowed() {
        return allowed;
    }
}
