package org.whiteglove.events;

import java.util.List;
import java.util.Map;

/** Topic names and how each is created. Every topic is keyed by its aggregate id. */
public final class Topics {

    public static final String TICKET_EVENTS = "ticket.events";
    public static final String VIP_REGISTRY = "vip.registry";
    public static final String TICKET_PRIORITIES = "ticket.priorities";
    public static final String SLA_EVENTS = "sla.events";
    public static final String NOTIFICATION_EVENTS = "notification.events";

    /** Partitions per topic: the unit of scale-out for every consumer group. */
    public static final int PARTITIONS = 12;

    private static final Map<String, String> RETAINED_A_WEEK = Map.of("retention.ms", String.valueOf(7L * 24 * 3600 * 1000));

    /** Every topic the platform publishes to, as the launcher and the test resources create them. */
    public static final List<TopicSpec> ALL = List.of(
            new TopicSpec(TICKET_EVENTS, PARTITIONS, RETAINED_A_WEEK),
            // The VIP list is state, not history: compaction keeps the latest record per person and drops tombstones.
            new TopicSpec(VIP_REGISTRY, PARTITIONS, Map.of(
                    "cleanup.policy", "compact",
                    "min.compaction.lag.ms", "0",
                    "delete.retention.ms", String.valueOf(24L * 3600 * 1000))),
            new TopicSpec(TICKET_PRIORITIES, PARTITIONS, RETAINED_A_WEEK),
            new TopicSpec(SLA_EVENTS, PARTITIONS, RETAINED_A_WEEK),
            new TopicSpec(NOTIFICATION_EVENTS, PARTITIONS, RETAINED_A_WEEK));

    private Topics() {
    }

    /** The dead-letter topic where {@code consumer} puts records of {@code topic} it could not process. */
    public static String deadLetter(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }
}
