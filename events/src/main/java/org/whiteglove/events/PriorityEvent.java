package org.whiteglove.events;

/** Events on {@code ticket.priorities}, keyed by ticket id. */
public sealed interface PriorityEvent extends WhitegloveEvent permits TicketPrioritized {

    String ticketId();

    @Override
    default String aggregateId() {
        return ticketId();
    }
}
