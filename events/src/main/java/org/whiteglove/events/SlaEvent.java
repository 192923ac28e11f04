package org.whiteglove.events;

/** Events on {@code sla.events}, keyed by ticket id; each concerns one of the ticket's clocks. */
public sealed interface SlaEvent extends WhitegloveEvent
        permits SlaStarted, SlaPaused, SlaResumed, SlaWarning, SlaBreached, SlaMet, SlaRecalculated, EscalationRaised {

    String ticketId();

    SlaClockKind clock();

    @Override
    default String aggregateId() {
        return ticketId();
    }
}
