package org.whiteglove.runtime.precedence;

import io.smallrye.config.WithDefault;
import org.whiteglove.events.Priority;

import java.time.Duration;
import java.util.Map;

/**
 * How much earlier than its due moment queued work of each priority goes ({@code ….lead.p1} … {@code .p5}; see
 * {@link CriticalFirst}): by default a P1 item passes P4 items that fell due up to 9 minutes before it, and none waits
 * behind newer work longer. A settings group of the services that queue work by priority.
 */
public interface PriorityLeads {

    @WithDefault("PT10M")
    Duration p1();

    @WithDefault("PT5M")
    Duration p2();

    @WithDefault("PT2M")
    Duration p3();

    @WithDefault("PT1M")
    Duration p4();

    @WithDefault("PT0S")
    Duration p5();

    default Map<Priority, Duration> byPriority() {
        return Map.of(Priority.P1, p1(), Priority.P2, p2(), Priority.P3, p3(), Priority.P4, p4(), Priority.P5, p5());
    }
}
