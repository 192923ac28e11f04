package org.whiteglove.events;

/**
 * An immutable fact published on one of the platform's topics. Events are named in the past tense,
 * keyed by their aggregate id (ticket id, or person id on {@code vip.registry}) so all events of one
 * aggregate stay ordered on one partition.
 */
public sealed interface WhitegloveEvent
        permits TicketEvent, VipRegistryEvent, PriorityEvent, SlaEvent, NotificationEvent {

    /** The Kafka record key. */
    String aggregateId();
}
