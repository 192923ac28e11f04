package org.whiteglove.slamonitor.domain;

import org.junit.jupiter.api.Test;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BusinessCalendarTest {

    static final String BERLIN = "Europe/Berlin";
    static final BusinessCalendar OFFICE = BusinessCalendar.weekdays("office", BERLIN, "09:00", "17:00");

    static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(BERLIN)).toInstant();
    }

    static BusinessCalendar everyDay(String from, String to) {
        Map<DayOfWeek, List<WorkingPeriod>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            week.put(d, List.of(new WorkingPeriod(from, to)));
        }
        return new BusinessCalendar("every-day", BERLIN, false, week, List.of());
    }

    @Test
    void deadlineSkipsTheNightAndTheWeekend() {
        // Friday 16:00 + 4 business hours = 1 h Friday + 3 h Monday.
        assertEquals(berlin("2026-11-23T12:00"), OFFICE.deadline(berlin("2026-11-20T16:00"), Duration.ofHours(4)));
        // Saturday counts from Monday's opening.
        assertEquals(berlin("2026-11-23T10:30"), OFFICE.deadline(berlin("2026-11-21T11:00"), Duration.ofMinutes(90)));
        assertEquals(Duration.ofHours(4), OFFICE.elapsed(berlin("2026-11-20T16:00"), berlin("2026-11-23T12:00")));
    }

    @Test
    void aDeadlineAcrossTheSpringChangeKeepsWallClockHours() {
        // DST starts in Berlin on Sunday 2026-03-29: Friday is CET (+01), Monday CEST (+02).
        Instant due = OFFICE.deadline(berlin("2026-03-27T16:00"), Duration.ofHours(2));
        assertEquals(berlin("2026-03-30T10:00"), due);
        assertEquals(Instant.parse("2026-03-30T08:00:00Z"), due);
    }

    @Test
    void dayLengthsFollowDaylightSavingTime() {
        BusinessCalendar allDay = everyDay("00:00", "24:00");
        assertEquals(Duration.ofHours(23), allDay.elapsed(berlin("2026-03-29T00:00"), berlin("2026-03-30T00:00")));
        assertEquals(Duration.ofHours(25), allDay.elapsed(berlin("2026-10-25T00:00"), berlin("2026-10-26T00:00")));
        assertEquals(Duration.ofHours(24), allDay.elapsed(berlin("2026-11-01T00:00"), berlin("2026-11-02T00:00")));

        // A night shift 01:00–04:00 loses the skipped hour in spring and gains the repeated one in autumn.
        BusinessCalendar night = everyDay("01:00", "04:00");
        assertEquals(Duration.ofHours(2), night.elapsed(berlin("2026-03-29T00:00"), berlin("2026-03-29T12:00")));
        assertEquals(Duration.ofHours(4), night.elapsed(berlin("2026-10-25T00:00"), berlin("2026-10-25T12:00")));
        // 2.5 h into the spring night lands 30 min into Monday's shift.
        assertEquals(berlin("2026-03-30T01:30"), night.deadline(berlin("2026-03-29T00:00"), Duration.ofMinutes(150)));
    }

    @Test
    void americanDstChangesOnItsOwnDate() {
        BusinessCalendar ny = BusinessCalendar.weekdays("new-york", "America/New_York", "09:00", "17:00");
        // US clocks go back on 2026-11-01; Friday 16:00 EDT (-4) + 2 h = Monday 10:00 EST (-5).
        Instant from = Instant.parse("2026-10-30T20:00:00Z");
        assertEquals(Instant.parse("2026-11-02T15:00:00Z"), ny.deadline(from, Duration.ofHours(2)));
    }

    @Test
    void holidaysHaveNoWorkingTime() {
        BusinessCalendar withChristmas = OFFICE.withHolidays(List.of(
                new Holiday(LocalDate.parse("2026-12-25"), "Christmas Day")));
        // Thursday 24th 16:00 + 2 h: 1 h Thursday, Friday is a holiday, 1 h Monday the 28th.
        assertEquals(berlin("2026-12-28T10:00"), withChristmas.deadline(berlin("2026-12-24T16:00"), Duration.ofHours(2)));
        assertEquals(Duration.ZERO, withChristmas.elapsed(berlin("2026-12-25T00:00"), berlin("2026-12-26T00:00")));
        assertEquals(Duration.ofHours(1), withChristmas.elapsed(berlin("2026-12-24T10:00"), berlin("2026-12-24T11:00")));
    }

    @Test
    void splitShiftsLeaveTheLunchBreakOut() {
        Map<DayOfWeek, List<WorkingPeriod>> week = new EnumMap<>(DayOfWeek.class);
        week.put(DayOfWeek.MONDAY, List.of(new WorkingPeriod("13:00", "17:00"), new WorkingPeriod("08:00", "12:00")));
        BusinessCalendar split = new BusinessCalendar("split", BERLIN, false, week, List.of());
        assertEquals(berlin("2026-11-23T14:00"), split.deadline(berlin("2026-11-23T11:00"), Duration.ofHours(2)));
        assertEquals(Duration.ofHours(8), split.elapsed(berlin("2026-11-23T00:00"), berlin("2026-11-24T00:00")));
        // The next Monday once this one is used up.
        assertEquals(berlin("2026-11-30T09:00"), split.deadline(berlin("2026-11-23T16:00"), Duration.ofHours(2)));
    }

    @Test
    void twentyFourSevenIsPlainTime() {
        BusinessCalendar always = BusinessCalendar.twentyFourSeven("always");
        Instant from = Instant.parse("2026-03-28T23:00:00Z");
        assertEquals(from.plus(Duration.ofHours(30)), always.deadline(from, Duration.ofHours(30)));
        assertEquals(Duration.ofHours(30), always.elapsed(from, from.plus(Duration.ofHours(30))));
    }

    @Test
    void elapsedUndoesDeadlineEverywhere() {
        BusinessCalendar withHoliday = OFFICE.withHolidays(List.of(new Holiday(LocalDate.parse("2026-03-30"), "a Monday off")));
        Random random = new Random(42);
        Instant base = berlin("2026-03-01T00:00");
        for (int i = 0; i < 2_000; i++) {
            Instant from = base.plusSeconds(random.nextInt(60 * 24 * 3600));
            Duration business = Duration.ofMinutes(random.nextInt(60 * 40));
            Instant due = withHoliday.deadline(from, business);
            assertEquals(business, withHoliday.elapsed(from, due), () -> "from " + from + " + " + business);
            assertFalse(due.isBefore(from));
        }
    }

    @Test
    void aCalendarWithoutWorkingTimeIsRejected() {
        InvalidFieldException none = assertThrows(InvalidFieldException.class,
                () -> new BusinessCalendar("empty", BERLIN, false, Map.of(), List.of()));
        assertEquals("weeklyHours", none.field());
        InvalidFieldException emptyDays = assertThrows(InvalidFieldException.class,
                () -> new BusinessCalendar("empty", BERLIN, false, Map.of(DayOfWeek.MONDAY, List.of()), List.of()));
        assertEquals("weeklyHours", emptyDays.field());
        assertEquals("timeZone", assertThrows(InvalidFieldException.class,
                () -> BusinessCalendar.weekdays("x", "Mars/Olympus", "09:00", "17:00")).field());
        assertEquals("weeklyHours", assertThrows(InvalidFieldException.class,
                () -> BusinessCalendar.weekdays("x", BERLIN, "17:00", "09:00")).field());
        assertEquals("weeklyHours", assertThrows(InvalidFieldException.class, () -> new BusinessCalendar("x", BERLIN, false,
                Map.of(DayOfWeek.MONDAY, List.of(new WorkingPeriod("09:00", "13:00"), new WorkingPeriod("12:00", "17:00"))),
                List.of())).field());
    }

    @Test
    void holidaysComeFromAnICalendarFile() {
        var ics = new InputStreamReader(getClass().getResourceAsStream("/calendars/holidays.ics"), StandardCharsets.UTF_8);
        HolidayImport.Result result = HolidayImport.read(ics, LocalDate.parse("2026-01-01"), LocalDate.parse("2027-12-31"));
        assertEquals(List.of(
                        new Holiday(LocalDate.parse("2026-12-25"), "Christmas"),
                        new Holiday(LocalDate.parse("2026-12-26"), "Christmas"),
                        new Holiday(LocalDate.parse("2027-01-01"), "New Year"),
                        new Holiday(LocalDate.parse("2027-12-25"), "Christmas"),
                        new Holiday(LocalDate.parse("2027-12-26"), "Christmas")),
                result.holidays());
        assertEquals(1, result.ignoredTimedEvents());
    }

    @Test
    void garbageIsNotACalendar() {
        assertEquals("body", assertThrows(InvalidFieldException.class, () -> HolidayImport.read(
                new java.io.StringReader("hello"), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"))).field());
    }
}
