package org.whiteglove.slamonitor.domain;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Summary;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.io.IOException;
import java.io.Reader;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Holidays from an iCalendar file (RFC 5545), as published by governments and calendar services:
 * every all-day VEVENT is a holiday on each day it covers (DTEND exclusive), yearly RRULEs expanded
 * within a window. Events with a time of day are not whole days off and are counted as ignored.
 */
public final class HolidayImport {

    public record Result(List<Holiday> holidays, int ignoredTimedEvents) {
    }

    private HolidayImport() {
    }

    public static Result read(Reader ics, LocalDate windowStart, LocalDate windowEnd) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(ics);
        } catch (ParserException | IOException | RuntimeException e) {
            throw new InvalidFieldException("body", "not an iCalendar file: " + e.getMessage());
        }
        List<Holiday> holidays = new ArrayList<>();
        int ignored = 0;
        for (Component c : calendar.getComponents(Component.VEVENT)) {
            VEvent event = (VEvent) c;
            Temporal start = event.getStartDate().map(d -> (Temporal) d.getDate()).orElse(null);
            if (!(start instanceof LocalDate)) {
                ignored++;
                continue;
            }
            String name = event.getProperty(Summary.SUMMARY).map(p -> p.getValue()).orElse("holiday");
            Set<Period<LocalDate>> occurrences = event.calculateRecurrenceSet(new Period<>(windowStart, windowEnd.plusDays(1)));
            for (Period<LocalDate> occurrence : occurrences) {
                LocalDate end = occurrence.getEnd().isAfter(occurrence.getStart()) ? occurrence.getEnd() : occurrence.getStart().plusDays(1);
                for (LocalDate d = occurrence.getStart(); d.isBefore(end); d = d.plusDays(1)) {
                    if (!d.isBefore(windowStart) && !d.isAfter(windowEnd)) {
                        holidays.add(new Holiday(d, name));
                    }
                }
            }
        }
        return new Result(BusinessCalendar.merge(List.of(), holidays), ignored);
    }
}
