package org.whiteglove.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * When the desk is closed, read from sla-monitor's business calendar (as {@code GET /api/calendars/{name}} shows it),
 * so the demo's night calls fall outside the hours the desk configured, wherever and whenever it runs.
 */
final class DeskHours {

    private final JsonNode calendar;
    private final ZoneId zone;
    private final Set<LocalDate> holidays = new HashSet<>();

    DeskHours(JsonNode calendar) {
        this.calendar = calendar;
        this.zone = ZoneId.of(calendar.path("timeZone").asText("UTC"));
        calendar.path("holidays").forEach(h -> holidays.add(LocalDate.parse(h.path("date").asText())));
    }

    boolean closedAt(Instant moment) {
        if (calendar.path("twentyFourSeven").asBoolean()) {
            return false;
        }
        ZonedDateTime local = moment.atZone(zone);
        if (holidays.contains(local.toLocalDate())) {
            return true;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        for (JsonNode period : calendar.path("weeklyHours").path(local.getDayOfWeek().name())) {
            if (minute >= minuteOfDay(period.path("from").asText()) && minute < minuteOfDay(period.path("to").asText())) {
                return false;
            }
        }
        return true;
    }

    /** "HH:mm" as the calendar writes it, "24:00" (the end of a period at midnight) included. */
    private static int minuteOfDay(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }

    /** A moment within {@code within} before {@code now} (at least half an hour back) when the desk was closed; none for a 24x7 desk. */
    Optional<Instant> closedMomentBefore(Instant now, Duration within, SplittableRandom r) {
        long span = within.minusMinutes(30).toSeconds();
        for (int attempt = 0; attempt < 200; attempt++) {
            Instant moment = now.minusSeconds(1800 + r.nextLong(span));
            if (closedAt(moment)) {
                return Optional.of(moment);
            }
        }
        return Optional.empty();
    }
}
