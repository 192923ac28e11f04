package org.whiteglove.slamonitor.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.whiteglove.runtime.precedence.PriorityLeads;

import java.time.Duration;

@ConfigMapping(prefix = "whiteglove.sla")
public interface SlaConfig {

    /** Time zone of the seeded "business-hours" calendar (Monday–Friday 09:00–17:00). */
    @WithDefault("UTC")
    String businessTimeZone();

    Timers timers();

    interface Timers {
        /** Timers due within this horizon are held in memory; the rest wait in PostgreSQL. */
        @WithDefault("PT60S")
        Duration horizon();

        /** Most clocks fired in one transaction. */
        @WithDefault("1000")
        int batchSize();

        /** Threads firing due clocks; a burst of deadlines is shared between them (on 2 cores one is best). */
        @WithDefault("1")
        int firingThreads();

        /**
         * When more clocks are due than one pass fires, how much earlier than its due moment a clock of each priority
         * fires: a P1 breach passes P4 warnings that fell due up to 9 minutes before it, and none waits longer.
         */
        PriorityLeads lead();

        /** Whether this instance fires timers (off only in tests that drive the scheduler themselves). */
        @WithDefault("true")
        boolean enabled();
    }
}
