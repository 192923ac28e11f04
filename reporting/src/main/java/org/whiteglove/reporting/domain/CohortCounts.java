package org.whiteglove.reporting.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** The counters and duration histograms of tickets opened in one period with one {@link CellKey}. */
public final class CohortCounts {

    private final long[] counts = new long[Measure.values().length];
    private final Map<TimeMeasure, DurationHistogram> times = new EnumMap<>(TimeMeasure.class);

    /** A rollup cell's counts: few values, kept sparse. */
    public CohortCounts() {
        this(false);
    }

    /** {@code dense}: for totals over many cells (a report's groups). */
    public CohortCounts(boolean dense) {
        for (TimeMeasure measure : TimeMeasure.values()) {
            times.put(measure, dense ? DurationHistogram.dense() : DurationHistogram.sparse());
        }
    }

    public void add(TicketFact fact) {
        inc(Measure.OPENED, 1);
        inc(Measure.AFTER_HOURS, fact.afterHours());
        inc(Measure.CLAIMS_REJECTED, fact.claimRejected());
        inc(Measure.REPRIORITIZED, fact.priorityChanges() > 0);
        if (fact.speedOfAnswer() != null) {
            inc(Measure.ANSWERED_CALLS, 1);
            inc(Measure.SPEED_OF_ANSWER_MS, fact.speedOfAnswer().toMillis());
        }
        inc(Measure.RESPONDED, fact.firstResponseAt() != null);
        inc(Measure.RESPONSE_MET, fact.responseMet());
        inc(Measure.RESPONSE_BREACHED, fact.responseMissed());
        inc(Measure.RESOLVED, fact.resolvedAt() != null);
        inc(Measure.RESOLUTION_MET, fact.resolutionMet());
        inc(Measure.RESOLUTION_BREACHED, fact.resolutionMissed());
        inc(Measure.CLOSED, fact.closedAt() != null);
        inc(Measure.REOPENED, fact.reopened() > 0);
        inc(Measure.WARNINGS, fact.warnings());
        inc(Measure.BREACHES, fact.breaches());
        inc(Measure.ESCALATIONS, fact.escalations());
        inc(Measure.NOTIFICATIONS_DELIVERED, fact.notificationsDelivered());
        inc(Measure.NOTIFICATIONS_FAILED, fact.notificationsFailed());
        inc(Measure.AFTER_HOURS_RESPONSE_MET, fact.afterHours() && fact.responseMet());
        inc(Measure.AFTER_HOURS_RESPONSE_BREACHED, fact.afterHours() && fact.responseMissed());
        inc(Measure.AFTER_HOURS_RESOLUTION_MET, fact.afterHours() && fact.resolutionMet());
        inc(Measure.AFTER_HOURS_RESOLUTION_BREACHED, fact.afterHours() && fact.resolutionMissed());
        inc(Measure.OPEN_NOW, fact.isOpen());
        inc(Measure.AT_RISK_NOW, fact.atRisk());
        inc(Measure.BREACHED_OPEN_NOW, fact.breachedAndOpen());
        record(TimeMeasure.RESPONSE_BUSINESS, fact.responseBusiness());
        record(TimeMeasure.RESPONSE_CALENDAR, fact.responseCalendarTime());
        record(TimeMeasure.RESOLUTION_BUSINESS, fact.resolutionCalendarTime() == null ? null : fact.resolutionBusiness());
        record(TimeMeasure.RESOLUTION_CALENDAR, fact.resolutionCalendarTime());
    }

    public void add(CohortCounts other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        other.times.forEach((measure, histogram) -> times.get(measure).add(histogram));
    }

    public long get(Measure measure) {
        return counts[measure.ordinal()];
    }

    public void set(Measure measure, long value) {
        counts[measure.ordinal()] = value;
    }

    public DurationHistogram time(TimeMeasure measure) {
        return times.get(measure);
    }

    private void inc(Measure measure, long by) {
        counts[measure.ordinal()] += by;
    }

    private void inc(Measure measure, boolean when) {
        if (when) {
            counts[measure.ordinal()]++;
        }
    }

    private void record(TimeMeasure measure, Duration duration) {
        if (duration != null) {
            times.get(measure).recordSeconds(duration.toSeconds());
        }
    }
}
