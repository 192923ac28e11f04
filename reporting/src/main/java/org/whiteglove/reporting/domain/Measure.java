package org.whiteglove.reporting.domain;

/** The counters of a rollup cell, each a column of the rollup tables. */
public enum Measure {
    OPENED,
    AFTER_HOURS,
    CLAIMS_REJECTED,
    REPRIORITIZED,
    ANSWERED_CALLS,
    /** Sum over answered calls; with ANSWERED_CALLS gives the average speed of answer. */
    SPEED_OF_ANSWER_MS,
    RESPONDED,
    RESPONSE_MET,
    RESPONSE_BREACHED,
    RESOLVED,
    RESOLUTION_MET,
    RESOLUTION_BREACHED,
    CLOSED,
    REOPENED,
    WARNINGS,
    BREACHES,
    ESCALATIONS,
    NOTIFICATIONS_DELIVERED,
    NOTIFICATIONS_FAILED,
    AFTER_HOURS_RESPONSE_MET,
    AFTER_HOURS_RESPONSE_BREACHED,
    AFTER_HOURS_RESOLUTION_MET,
    AFTER_HOURS_RESOLUTION_BREACHED,
    /** Of the cohort, still open now: the backlog. */
    OPEN_NOW,
    AT_RISK_NOW,
    BREACHED_OPEN_NOW;

    public String column() {
        return name().toLowerCase();
    }
}
