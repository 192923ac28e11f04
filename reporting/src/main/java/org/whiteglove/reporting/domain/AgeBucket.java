package org.whiteglove.reporting.domain;

import java.time.Duration;

/** How long open tickets have been waiting, as backlog aging is usually shown. */
public enum AgeBucket {
    UNDER_1_DAY("0-1d", Duration.ofDays(1)),
    DAYS_1_TO_3("1-3d", Duration.ofDays(3)),
    DAYS_3_TO_7("3-7d", Duration.ofDays(7)),
    DAYS_7_TO_30("7-30d", Duration.ofDays(30)),
    OVER_30_DAYS("30d+", null);

    private final String label;
    private final Duration below;

    AgeBucket(String label, Duration below) {
        this.label = label;
        this.below = below;
    }

    public String label() {
        return label;
    }

    public static AgeBucket of(Duration age) {
        for (AgeBucket bucket : values()) {
            if (bucket.below == null || age.compareTo(bucket.below) < 0) {
                return bucket;
            }
        }
        return OVER_30_DAYS;
    }
}
