package org.whiteglove.events;

import java.util.Map;

/** A topic as the platform needs it created: name, partition count and topic-level configs. */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic needs at least one partition: " + name);
        }
        configs = Map.copyOf(configs);
    }
}
