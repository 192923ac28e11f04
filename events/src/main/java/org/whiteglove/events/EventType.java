package org.whiteglove.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every event of the contract: its CloudEvents type, its record class and the topic it travels on.
 * A new event is added here, with a sample payload under the tests' {@code samples/} folder.
 */
public enum EventType {
    TICKET_OPENED(TicketOpened.class, Topics.TICKET_EVENTS),
    TICKET_UPDATED(TicketUpdated.class, Topics.TICKET_EVENTS),
    TICKET_STATUS_CHANGED(TicketStatusChanged.class, Topics.TICKET_EVENTS),
    VIP_UPSERTED(VipUpserted.class, Topics.VIP_REGISTRY),
    VIP_REMOVED(VipRemoved.class, Topics.VIP_REGISTRY),
    TICKET_PRIORITIZED(TicketPrioritized.class, Topics.TICKET_PRIORITIES),
    SLA_STARTED(SlaStarted.class, Topics.SLA_EVENTS),
    SLA_PAUSED(SlaPaused.class, Topics.SLA_EVENTS),
    SLA_RESUMED(SlaResumed.class, Topics.SLA_EVENTS),
    SLA_WARNING(SlaWarning.class, Topics.SLA_EVENTS),
    SLA_BREACHED(SlaBreached.class, Topics.SLA_EVENTS),
    SLA_MET(SlaMet.class, Topics.SLA_EVENTS),
    SLA_RECALCULATED(SlaRecalculated.class, Topics.SLA_EVENTS),
    ESCALATION_RAISED(EscalationRaised.class, Topics.SLA_EVENTS),
    NOTIFICATION_DELIVERED(NotificationDelivered.class, Topics.NOTIFICATION_EVENTS),
    NOTIFICATION_FAILED(NotificationFailed.class, Topics.NOTIFICATION_EVENTS);

    /** Prefix of every {@code ce_type}; the suffix is the record's simple name, e.g. org.whiteglove.TicketOpened. */
    public static final String TYPE_PREFIX = "org.whiteglove.";

    private final Class<? extends WhitegloveEvent> recordClass;
    private final String topic;

    EventType(Class<? extends WhitegloveEvent> recordClass, String topic) {
        this.recordClass = recordClass;
        this.topic = topic;
    }

    public Class<? extends WhitegloveEvent> recordClass() {
        return recordClass;
    }

    public String topic() {
        return topic;
    }

    /** The CloudEvents {@code ce_type}. */
    public String ceType() {
        return TYPE_PREFIX + recordClass.getSimpleName();
    }

    public static EventType of(WhitegloveEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> recordClass) {
        EventType type = BY_CLASS.get(recordClass);
        if (type == null) {
            throw new IllegalArgumentException("not an event of the contract: " + recordClass.getName());
        }
        return type;
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    /** Asked for every record consumed or published: lookups, not scans (building each type's name). */
    private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, t -> t));
    private static final Map<Class<?>, EventType> BY_CLASS = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::recordClass, t -> t));
}
