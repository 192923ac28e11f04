package org.whiteglove.runtime.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * The one source of "now" for clocks and timers, so tests can drive time. It ticks in microseconds, the
 * precision PostgreSQL keeps, so an instant reads back from the database exactly as it was computed.
 */
public class ClockProducer {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
