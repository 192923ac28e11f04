package org.whiteglove.runtime.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the outbox relay ({@code whiteglove.outbox.*}). */
@ConfigMapping(prefix = "whiteglove.outbox")
public interface OutboxConfig {

    /** Whether this service runs a relay; a service that publishes nothing may turn it off. */
    @WithDefault("true")
    boolean enabled();

    /** The CloudEvents {@code ce_source} of events this service publishes. */
    @WithDefault("/whiteglove/${quarkus.application.name}")
    String source();

    /** Rows read and published per round. */
    @WithDefault("500")
    int batchSize();

    /** How often the relay looks for rows when no commit woke it (other instances, restarts). */
    @WithDefault("500ms")
    Duration pollInterval();

    /** Longest wait between attempts while Kafka or the database is unavailable. */
    @WithDefault("5s")
    Duration maxBackoff();
}
