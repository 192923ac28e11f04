package org.whiteglove.slamonitor.domain;

import org.whiteglove.runtime.problem.InvalidFieldException;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * When the service desk works: an IANA time zone, weekly hours (several periods a day for split shifts)
 * and holidays, or around the clock. Business time is real time inside working periods, so across a DST
 * change a 09:00–17:00 day stays 8 hours while a period spanning the change (01:00–04:00) is 2 or 4.
 *
 * @param twentyFourSeven every instant is working time; weekly hours and holidays are then not used
 */
public record BusinessCalendar(
        String name,
        String timeZone,
        boolean twentyFourSeven,
        Map<DayOfWeek, List<WorkingPeriod>> weeklyHours,
        List<Holiday> holidays) {

    /** How far ahead a deadline is searched for: ten years of calendar days. */
    private static final int MAX_DAYS = 3_660;

    public BusinessCalendar {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            throw new InvalidFieldException("name", "a calendar name is 1–63 lower-case letters, digits or '-', got " + name);
        }
        try {
            ZoneId.of(timeZone == null ? "" : timeZone);
        } catch (DateTimeException e) {
            throw new InvalidFieldException("timeZone", "not an IANA time zone (e.g. Europe/Berlin): " + timeZone);
        }
        Map<DayOfWeek, List<WorkingPeriod>> week = new EnumMap<>(DayOfWeek.class);
        if (weeklyHours != null) {
            weeklyHours.forEach((day, periods) -> {
                if (day == null) {
                    throw new InvalidFieldException("weeklyHours", "a day must be MONDAY … SUNDAY");
                }
                List<WorkingPeriod> sorted = periods == null ? List.of() : periods.stream()
                        .sorted(Comparator.comparingInt(WorkingPeriod::fromMinute)).toList();
                for (int i = 1; i < sorted.size(); i++) {
                    if (sorted.get(i).fromMinute() < sorted.get(i - 1).toMinute()) {
                        throw new InvalidFieldException("weeklyHours", day + " has overlapping periods: "
                                + sorted.get(i - 1) + " and " + sorted.get(i));
                    }
                }
                if (!sorted.isEmpty()) {
                    week.put(day, sorted);
                }
            });
        }
        weeklyHours = Map.copyOf(week);
        if (!twentyFourSeven && weeklyHours.isEmpty()) {
            throw new InvalidFieldException("weeklyHours", "a calendar needs working time: weekly hours or twentyFourSeven");
        }
        Map<LocalDate, Holiday> byDate = new TreeMap<>();
        for (Holiday h : holidays == null ? List.<Holiday>of() : holidays) {
            byDate.put(h.date(), h);
        }
        holidays = List.copyOf(byDate.values());
    }

    public static BusinessCalendar twentyFourSeven(String name) {
        return new BusinessCalendar(name, "UTC", true, Map.of(), List.of());
    }

    /** Monday to Friday, one period a day. */
    public static BusinessCalendar weekdays(String name, String timeZone, String from, String to) {
        Map<DayOfWeek, List<WorkingPeriod>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)) {
            week.put(d, List.of(new WorkingPeriod(from, to)));
        }
        return new BusinessCalendar(name, timeZone, false, week, List.of());
    }

    public BusinessCalendar withHolidays(List<Holiday> replacement) {
        return new BusinessCalendar(name, timeZone, twentyFourSeven, weeklyHours, replacement);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    /** The instant {@code business} working time after {@code from}; {@code from} itself for zero. */
    public Instant deadline(Instant from, Duration business) {
        if (business.isNegative()) {
            throw new IllegalArgumentException("business time cannot be negative: " + business);
        }
        if (twentyFourSeven || business.isZero()) {
            return from.plus(business);
        }
        Duration remaining = business;
        ZoneId zone = zone();
        Set<LocalDate> closed = holidayDates();
        LocalDate day = from.atZone(zone).toLocalDate();
        for (int i = 0; i < MAX_DAYS; i++, day = day.plusDays(1)) {
            if (closed.contains(day)) {
                continue;
            }
            for (WorkingPeriod p : weeklyHours.getOrDefault(day.getDayOfWeek(), List.of())) {
                Instant start = at(day, p.fromMinute(), zone);
                Instant end = at(day, p.toMinute(), zone);
                Instant segmentStart = start.isAfter(from) ? start : from;
                if (!end.isAfter(segmentStart)) {
                    continue;
                }
                Duration available = Duration.between(segmentStart, end);
                if (available.compareTo(remaining) >= 0) {
                    return segmentStart.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw new IllegalStateException("calendar " + name + " has no working time within ten years of " + from);
    }

    /** Working time between two instants (zero if {@code to} is not after {@code from}). */
    public Duration elapsed(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (twentyFourSeven) {
            return Duration.between(from, to);
        }
        ZoneId zone = zone();
        Set<LocalDate> closed = holidayDates();
        Duration total = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate day = from.atZone(zone).toLocalDate(); !day.isAfter(last); day = day.plusDays(1)) {
            if (closed.contains(day)) {
                continue;
            }
            for (WorkingPeriod p : weeklyHours.getOrDefault(day.getDayOfWeek(), List.of())) {
                Instant start = max(at(day, p.fromMinute(), zone), from);
                Instant end = min(at(day, p.toMinute(), zone), to);
                if (end.isAfter(start)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    private Set<LocalDate> holidayDates() {
        return holidays.stream().map(Holiday::date).collect(Collectors.toUnmodifiableSet());
    }

    /** A local time of a day as an instant; DST gaps move forward (02:30 on a spring-forward day is 03:30). */
    private static Instant at(LocalDate day, int minuteOfDay, ZoneId zone) {
        if (minuteOfDay == 24 * 60) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(day, LocalTime.of(minuteOfDay / 60, minuteOfDay % 60), zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** Holidays of both lists, one per date; {@code added} wins where both name the same date. */
    public static List<Holiday> merge(List<Holiday> current, List<Holiday> added) {
        Map<LocalDate, Holiday> byDate = new TreeMap<>();
        current.forEach(h -> byDate.put(h.date(), h));
        added.forEach(h -> byDate.put(h.date(), h));
        return new ArrayList<>(byDate.values());
    }
}
