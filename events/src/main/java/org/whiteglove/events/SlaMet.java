package org.whiteglove.events;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock stopped (first response, or resolution).
 *
 * @param deadline        the deadline the stop is judged by (moved past a pause the stop ends)
 * @param withinTarget    false when it stopped after the deadline
 * @param businessElapsed business time the clock ran, pauses excluded
 */
public record SlaMet(
        String ticketId,
        SlaClockKind clock,
        Instant deadline,
        boolean withinTarget,
        Duration businessElapsed,
        Instant stoppedAt) implements SlaEvent {
}
