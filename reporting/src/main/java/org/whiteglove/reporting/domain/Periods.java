package org.whiteglove.reporting.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * Which rollup answers which part of a range of whole days: months and ISO weeks where the range covers
 * them whole and the grouping allows, days for the rest. A year grouped by month reads 12 rows per cell.
 */
public final class Periods {

    public enum Grain { DAY, WEEK, MONTH }

    /** [from, to) of one grain. */
    public record Segment(Grain grain, LocalDate from, LocalDate to) {
    }

    private Periods() {
    }

    public static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    public static LocalDate monthOf(LocalDate day) {
        return day.withDayOfMonth(1);
    }

    /** Segments covering [from, to) for a grouping by {@code period} (null: no period). */
    public static List<Segment> plan(LocalDate from, LocalDate to, GroupBy period) {
        List<Segment> segments = new ArrayList<>();
        if (period == GroupBy.DAY || period == GroupBy.HOUR) {
            add(segments, Grain.DAY, from, to);
            return segments;
        }
        boolean weeks = period == GroupBy.WEEK;
        LocalDate first = weeks ? weekOf(from) : monthOf(from);
        if (first.isBefore(from)) {
            first = weeks ? first.plusWeeks(1) : first.plusMonths(1);
        }
        LocalDate last = weeks ? weekOf(to) : monthOf(to);
        if (!first.isBefore(last)) {
            add(segments, Grain.DAY, from, to);
            return segments;
        }
        add(segments, Grain.DAY, from, first);
        add(segments, weeks ? Grain.WEEK : Grain.MONTH, first, last);
        add(segments, Grain.DAY, last, to);
        return segments;
    }

    private static void add(List<Segment> segments, Grain grain, LocalDate from, LocalDate to) {
        if (from.isBefore(to)) {
            segments.add(new Segment(grain, from, to));
        }
    }
}
