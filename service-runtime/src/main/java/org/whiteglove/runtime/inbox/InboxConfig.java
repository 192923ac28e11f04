package org.whiteglove.runtime.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** Settings of the idempotent consumer's memory ({@code whiteglove.inbox.*}). */
@ConfigMapping(prefix = "whiteglove.inbox")
public interface InboxConfig {

    /**
     * How long a processed event id is remembered. It must outlive every possible redelivery of its record: the
     * event topics keep records 7 days, and Kafka deletes a log segment only once its newest record is that old, so a
     * record may be delivered again for up to 7 days more (the default segment span). Hence 15 days.
     */
    @WithDefault("P15D")
    Duration retention();
}
