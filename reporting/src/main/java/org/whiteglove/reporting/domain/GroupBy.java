package org.whiteglove.reporting.domain;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a report's rows can be grouped by: a dimension of the rollups or a period of the opening time. */
public enum GroupBy {
    PRIORITY(false),
    /** VIP or non-VIP. */
    VIP(false),
    /** The VIP tier; "none" for non-VIP tickets. */
    TIER(false),
    CHANNEL(false),
    QUEUE(false),
    HOUR(true),
    DAY(true),
    /** ISO weeks, labelled by their Monday. */
    WEEK(true),
    MONTH(true);

    private static final DateTimeFormatter HOUR_LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00");

    private final boolean period;

    GroupBy(boolean period) {
        this.period = period;
    }

    public boolean isPeriod() {
        return period;
    }

    public String parameterName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String allowed() {
        return Arrays.stream(values()).map(GroupBy::parameterName).collect(Collectors.joining(", "));
    }

    /** The value of this grouping for a row, as shown in the report. */
    public String label(CohortRow row, ZoneId zone) {
        CellKey key = row.key();
        ZonedDateTime local = row.start().atZone(zone);
        return switch (this) {
            case PRIORITY -> key.priority().isEmpty() ? "unprioritized" : key.priority();
            case VIP -> key.isVip() ? "VIP" : "non-VIP";
            case TIER -> key.isVip() ? key.vipTier() : "none";
            case CHANNEL -> key.channel();
            case QUEUE -> key.queue().isEmpty() ? "unassigned" : key.queue();
            case HOUR -> HOUR_LABEL.format(local);
            case DAY -> local.toLocalDate().toString();
            case WEEK -> local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
            case MONTH -> local.toLocalDate().withDayOfMonth(1).toString().substring(0, 7);
        };
    }

    /** The start of the period after the one {@code row} falls in (periods only). */
    public ZonedDateTime periodEnd(CohortRow row, ZoneId zone) {
        ZonedDateTime local = row.start().atZone(zone);
        return switch (this) {
            case HOUR -> local.plusHours(1);
            case DAY -> local.toLocalDate().plusDays(1).atStartOfDay(zone);
            case WEEK -> local.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1).atStartOfDay(zone);
            case MONTH -> local.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone);
            default -> throw new IllegalStateException(this + " is not a period");
        };
    }
}
