package org.whiteglove.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.whiteglove.deploy.check.Api;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeskHoursTest {

    /** As sla-monitor shows a calendar: weekdays 09:00–17:00 in Zurich, a late shift to midnight on Fridays, one holiday. */
    private static final String OFFICE = """
            {"name":"business-hours","timeZone":"Europe/Zurich","twentyFourSeven":false,
             "weeklyHours":{"MONDAY":[{"from":"09:00","to":"17:00"}],"TUESDAY":[{"from":"09:00","to":"17:00"}],
                            "FRIDAY":[{"from":"09:00","to":"12:00"},{"from":"13:00","to":"24:00"}]},
             "holidays":[{"date":"2026-12-08","name":"Immaculate Conception"}]}""";

    private static DeskHours hours(String json) throws Exception {
        JsonNode calendar = Api.json().readTree(json);
        return new DeskHours(calendar);
    }

    @Test
    void openWithinTheDaysPeriodsInTheCalendarsZone() throws Exception {
        DeskHours desk = hours(OFFICE);
        assertFalse(desk.closedAt(Instant.parse("2026-12-07T08:00:00Z")), "Monday 09:00 in Zurich");
        assertTrue(desk.closedAt(Instant.parse("2026-12-07T07:59:00Z")), "Monday 08:59");
        assertTrue(desk.closedAt(Instant.parse("2026-12-07T16:00:00Z")), "Monday 17:00: the end is excluded");
        assertTrue(desk.closedAt(Instant.parse("2026-12-08T10:00:00Z")), "Tuesday, a holiday");
        assertTrue(desk.closedAt(Instant.parse("2026-12-09T10:00:00Z")), "Wednesday has no hours");
        assertTrue(desk.closedAt(Instant.parse("2026-12-11T11:30:00Z")), "Friday's lunch break");
        assertFalse(desk.closedAt(Instant.parse("2026-12-11T22:59:00Z")), "Friday 23:59, in a period ending at 24:00");
    }

    @Test
    void aNightMomentIsOneTheDeskWasClosed() throws Exception {
        DeskHours desk = hours(OFFICE);
        Instant mondayNoon = Instant.parse("2026-12-07T11:00:00Z");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            Instant night = desk.closedMomentBefore(mondayNoon, Duration.ofHours(18), random).orElseThrow();
            assertTrue(desk.closedAt(night) && night.isBefore(mondayNoon.minus(Duration.ofMinutes(29)))
                    && night.isAfter(mondayNoon.minus(Duration.ofHours(18))), night.toString());
        }
        DeskHours always = hours("{\"name\":\"24x7\",\"timeZone\":\"UTC\",\"twentyFourSeven\":true,\"weeklyHours\":{},\"holidays\":[]}");
        assertTrue(always.closedMomentBefore(mondayNoon, Duration.ofHours(18), random).isEmpty(), "a 24x7 desk never closes");
    }
}
