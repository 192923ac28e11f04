package org.whiteglove.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
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
        LocalTime time = local.toLocalTime();
        for (JsonNode period : calendar.path("weeklyHours").path(local.getDayOfWeek().name())) {
            LocalTime from = LocalTime.parse(period.path("from").asText());
            LocalTime to = LocalTime.parse(period.path("to").asText());
            boolean beforeEnd = to.equals(LocalTime.MIDNIGHT) || time.isBefore(to);
            if (!time.isBefore(from) && beforeEnd) {
                return false;
            }
        }
        return true;
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
