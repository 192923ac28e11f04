package org.whiteglove.slamonitor.domain;

import org.whiteglove.runtime.problem.InvalidFieldException;

/**
 * One stretch of working time within a day, local wall-clock time: "09:00"–"12:30". "24:00" ends a
 * period at midnight, so a night shift is two periods (22:00–24:00 and 00:00–06:00 of the next day).
 */
public record WorkingPeriod(String from, String to) {

    public WorkingPeriod {
        int f = minuteOfDay(from, "from");
        int t = minuteOfDay(to, "to");
        if (t <= f) {
            throw new InvalidFieldException("weeklyHours", "a working period must end after it starts: " + from + "–" + to);
        }
    }

    public int fromMinute() {
        return minuteOfDay(from, "from");
    }

    public int toMinute() {
        return minuteOfDay(to, "to");
    }

    static int minuteOfDay(String hhmm, String field) {
        if (hhmm == null || !hhmm.matches("\\d{2}:\\d{2}")) {
            throw new InvalidFieldException("weeklyHours", field + " must be HH:mm, e.g. 09:00, got " + hhmm);
        }
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        if (m > 59 || h > 24 || (h == 24 && m != 0)) {
            throw new InvalidFieldException("weeklyHours", field + " is not a time of day between 00:00 and 24:00: " + hhmm);
        }
        return h * 60 + m;
    }
}
