package org.whiteglove.events;

/** Events on {@code notification.events}, keyed by ticket id. */
public sealed interface NotificationEvent extends WhitegloveEvent permits NotificationDelivered, NotificationFailed {

    String ticketId();

    @Override
    default String aggregateId() {
        return ticketId();
    }
}
