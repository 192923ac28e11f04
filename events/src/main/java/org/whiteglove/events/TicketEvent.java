package org.whiteglove.events;

/** Events on {@code ticket.events}, keyed by ticket id. */
public sealed interface TicketEvent extends WhitegloveEvent
        permits TicketOpened, TicketUpdated, TicketStatusChanged {

    String ticketId();

    @Override
    default String aggregateId() {
        return ticketId();
    }
}
