package org.whiteglove.reporting.domain;

import java.time.Duration;
import java.util.Arrays;
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
        count(fact, 1);
    }

    /** Takes a ticket out again, as it was when added: its cell changed, or the ticket moved to another cell. */
    public void subtract(TicketFact fact) {
        count(fact, -1);
    }

    private void count(TicketFact fact, int sign) {
        inc(Measure.OPENED, sign, 1);
        inc(Measure.AFTER_HOURS, sign, fact.afterHours());
        inc(Measure.CLAIMS_REJECTED, sign, fact.claimRejected());
        inc(Measure.REPRIORITIZED, sign, fact.priorityChanges() > 0);
        if (fact.speedOfAnswer() != null) {
            inc(Measure.ANSWERED_CALLS, sign, 1);
            inc(Measure.SPEED_OF_ANSWER_MS, sign, fact.speedOfAnswer().toMillis());
        }
        inc(Measure.RESPONDED, sign, fact.firstResponseAt() != null);
        inc(Measure.RESPONSE_MET, sign, fact.responseMet());
        inc(Measure.RESPONSE_BREACHED, sign, fact.responseMissed());
        inc(Measure.RESOLVED, sign, fact.resolvedAt() != null);
        inc(Measure.RESOLUTION_MET, sign, fact.resolutionMet());
        inc(Measure.RESOLUTION_BREACHED, sign, fact.resolutionMissed());
        inc(Measure.CLOSED, sign, fact.closedAt() != null);
        inc(Measure.REOPENED, sign, fact.reopened() > 0);
        inc(Measure.WARNINGS, sign, fact.warnings());
        inc(Measure.BREACHES, sign, fact.breaches());
        inc(Measure.ESCALATIONS, sign, fact.escalations());
        inc(Measure.NOTIFICATIONS_DELIVERED, sign, fact.notificationsDelivered());
        inc(Measure.NOTIFICATIONS_FAILED, sign, fact.notificationsFailed());
        inc(Measure.AFTER_HOURS_RESPONSE_MET, sign, fact.afterHours() && fact.responseMet());
        inc(Measure.AFTER_HOURS_RESPONSE_BREACHED, sign, fact.afterHours() && fact.responseMissed());
        inc(Measure.AFTER_HOURS_RESOLUTION_MET, sign, fact.afterHours() && fact.resolutionMet());
        inc(Measure.AFTER_HOURS_RESOLUTION_BREACHED, sign, fact.afterHours() && fact.resolutionMissed());
        inc(Measure.OPEN_NOW, sign, fact.isOpen());
        inc(Measure.AT_RISK_NOW, sign, fact.atRisk());
        inc(Measure.BREACHED_OPEN_NOW, sign, fact.breachedAndOpen());
        record(TimeMeasure.RESPONSE_BUSINESS, sign, fact.responseBusiness());
        record(TimeMeasure.RESPONSE_CALENDAR, sign, fact.responseCalendarTime());
        record(TimeMeasure.RESOLUTION_BUSINESS, sign, fact.resolutionCalendarTime() == null ? null : fact.resolutionBusiness());
        record(TimeMeasure.RESOLUTION_CALENDAR, sign, fact.resolutionCalendarTime());
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

    /** All counters zero and all histograms empty: the cell holds no ticket and need not be stored. */
    public boolean isEmpty() {
        return Arrays.stream(counts).allMatch(c -> c == 0) && times.values().stream().allMatch(DurationHistogram::isEmpty);
    }

    private void inc(Measure measure, int sign, long by) {
        counts[measure.ordinal()] += sign * by;
    }

    private void inc(Measure measure, int sign, boolean when) {
        if (when) {
            counts[measure.ordinal()] += sign;
        }
    }

    private void record(TimeMeasure measure, int sign, Duration duration) {
        if (duration != null) {
            times.get(measure).recordSeconds(duration.toSeconds(), sign);
        }
    }
}
