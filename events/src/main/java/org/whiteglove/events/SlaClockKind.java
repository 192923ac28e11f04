package org.whiteglove.events;

/** The two clocks every ticket runs: time to first response and time to resolution. */
public enum SlaClockKind {
    RESPONSE, RESOLUTION
}
