package org.whiteglove.events;

/** Lifecycle states of a ticket; RESPONDED marks the first agent response. */
public enum TicketStatus {
    OPEN, ASSIGNED, RESPONDED, IN_PROGRESS, PENDING_CUSTOMER, RESOLVED, CLOSED, REOPENED
}
