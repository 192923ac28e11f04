package org.whiteglove.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

@ConfigMapping(prefix = "whiteglove.reporting")
public interface ReportingConfig {

    /** The zone of report days, weeks and months, and of the desk's staffed hours. */
    @WithDefault("UTC")
    ZoneId timeZone();

    BusinessHoursConfig businessHours();

    Rollups rollups();

    interface BusinessHoursConfig {
        /** Staffed days; a ticket opened on other days is after hours. */
        @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
        Set<DayOfWeek> days();

        @WithDefault("09:00")
        LocalTime start();

        @WithDefault("17:00")
        LocalTime end();
    }

    interface Rollups {
        /** How often changed hours are rolled up again: the reports' lag behind the topics. */
        @WithDefault("PT1S")
        Duration refreshEvery();

        /** Opened hours rolled up per transaction. */
        @WithDefault("200")
        int hoursPerBatch();
    }
}
