package org.whiteglove.reporting.domain;

import org.whiteglove.runtime.problem.InvalidFieldException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's period and grouping. {@code from}/{@code to} are either dates in the reporting time zone, both
 * included ({@code from=2026-11-01&to=2026-11-30} is November), or ISO instants, {@code to} excluded (rounded
 * out to whole hours). Whole days are answered from the day rollups, anything else from the hour rollups.
 */
public record ReportQuery(Instant from, Instant to, boolean wholeDays, List<GroupBy> groupBy, ZoneId zone) {

    /** Hour rollups hold a row per hour and cell: longer ranges must be whole days. */
    public static final Duration LONGEST_HOURLY_RANGE = Duration.ofDays(93);
    public static final int DEFAULT_DAYS = 30;

    public static ReportQuery parse(String from, String to, String groupBy, ZoneId zone, LocalDate today,
                                    LocalDate defaultFrom) {
        Bound start = from == null || from.isBlank() ? new Bound(defaultFrom.atStartOfDay(zone).toInstant(), true)
                : parseBound("from", from.trim(), zone, false);
        Bound end = to == null || to.isBlank() ? new Bound(today.plusDays(1).atStartOfDay(zone).toInstant(), true)
                : parseBound("to", to.trim(), zone, true);
        List<GroupBy> groups = parseGroupBy(groupBy);
        boolean wholeDays = start.wholeDay() && end.wholeDay() && !groups.contains(GroupBy.HOUR);
        Instant fromInstant = wholeDays ? start.at() : start.at().truncatedTo(ChronoUnit.HOURS);
        Instant toInstant = wholeDays ? end.at() : ceilHour(end.at());
        if (!fromInstant.isBefore(toInstant)) {
            throw new InvalidFieldException("from", "from (" + from + ") must be before to (" + to + ")");
        }
        if (!wholeDays && Duration.between(fromInstant, toInstant).compareTo(LONGEST_HOURLY_RANGE) > 0) {
            throw new InvalidFieldException(groups.contains(GroupBy.HOUR) ? "groupBy" : "from",
                    "ranges longer than " + LONGEST_HOURLY_RANGE.toDays() + " days must be whole days (dates) and not grouped by hour");
        }
        return new ReportQuery(fromInstant, toInstant, wholeDays, groups, zone);
    }

    public boolean groupsByPeriod() {
        return groupBy.stream().anyMatch(GroupBy::isPeriod);
    }

    /** This query grouped by day when it names no grouping (vip-impact is "over time" by default). */
    public ReportQuery byDayUnlessGrouped() {
        return groupBy.isEmpty() ? new ReportQuery(from, to, wholeDays, List.of(GroupBy.DAY), zone) : this;
    }

    private record Bound(Instant at, boolean wholeDay) {
    }

    private static Bound parseBound(String name, String value, ZoneId zone, boolean inclusiveDate) {
        if (value.length() == 10) {
            try {
                LocalDate date = LocalDate.parse(value);
                return new Bound((inclusiveDate ? date.plusDays(1) : date).atStartOfDay(zone).toInstant(), true);
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException(name, name + " '" + value + "' is not a date (yyyy-MM-dd)");
            }
        }
        try {
            Instant at = OffsetDateTime.parse(value).toInstant();
            boolean midnight = at.atZone(zone).toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
            return new Bound(at, midnight);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(name, name + " '" + value
                    + "' is neither a date (2026-11-01) nor an instant with offset (2026-11-01T08:00:00Z)");
        }
    }

    private static List<GroupBy> parseGroupBy(String value) {
        List<GroupBy> groups = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return groups;
        }
        for (String part : value.split(",")) {
            String name = part.trim().toUpperCase(Locale.ROOT);
            GroupBy group;
            try {
                group = GroupBy.valueOf(name);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("groupBy", "groupBy '" + part.trim() + "' is not one of " + GroupBy.allowed());
            }
            if (group.isPeriod() && groups.stream().anyMatch(GroupBy::isPeriod) && !groups.contains(group)) {
                throw new InvalidFieldException("groupBy", "groupBy names more than one period (hour, day, week, month)");
            }
            if (!groups.contains(group)) {
                groups.add(group);
            }
        }
        return groups;
    }

    private static Instant ceilHour(Instant at) {
        Instant floor = at.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(at) ? at : floor.plus(Duration.ofHours(1));
    }
}
