package org.whiteglove.reporting.domain;

/** The duration histograms of a rollup cell, each a column of the rollup tables. */
public enum TimeMeasure {
    RESPONSE_BUSINESS,
    RESPONSE_CALENDAR,
    RESOLUTION_BUSINESS,
    RESOLUTION_CALENDAR;

    public String column() {
        return name().toLowerCase();
    }
}
