package org.whiteglove.reporting.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The desk's staffed hours, which decide whether a ticket arrived after hours (DOMAIN.md: after-hours
 * requests follow their own process, and managers want their volume and service shown apart).
 *
 * @param end exclusive; {@code 00:00} as an end means midnight at the end of the day
 */
public record BusinessHours(ZoneId zone, Set<DayOfWeek> days, LocalTime start, LocalTime end) {

    public BusinessHours {
        days = days.isEmpty() ? Set.of() : EnumSet.copyOf(days);
        if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
            throw new IllegalArgumentException("business hours end " + end + " is not after their start " + start);
        }
    }

    public boolean isAfterHours(Instant moment) {
        ZonedDateTime local = moment.atZone(zone);
        if (!days.contains(local.getDayOfWeek())) {
            return true;
        }
        LocalTime time = local.toLocalTime();
        boolean beforeEnd = end.equals(LocalTime.MIDNIGHT) || time.isBefore(end);
        return time.isBefore(start) || !beforeEnd;
    }
}
