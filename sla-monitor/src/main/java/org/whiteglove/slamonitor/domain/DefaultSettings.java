package org.whiteglove.slamonitor.domain;

import java.time.Duration;
import java.util.List;

/**
 * DOMAIN.md's example targets: P1 15 min / 4 h and P2 30 min / 8 h around the clock; P3 4 business
 * hours / 3 business days, P4 8 h / 5 days, P5 2 days / 10 days on business hours. A business day is
 * the calendar's 8-hour day, so "3 business days" is 24 business hours. The dedicated VIP queue runs
 * around the clock (after-hours entitlement) with P1-like targets.
 */
public final class DefaultSettings {

    public static final String TWENTY_FOUR_SEVEN = "24x7";
    public static final String BUSINESS_HOURS = "business-hours";
    public static final String VIP_DEDICATED = "vip-dedicated";

    private DefaultSettings() {
    }

    public static List<BusinessCalendar> calendars(String businessTimeZone) {
        return List.of(
                BusinessCalendar.twentyFourSeven(TWENTY_FOUR_SEVEN),
                BusinessCalendar.weekdays(BUSINESS_HOURS, businessTimeZone, "09:00", "17:00"));
    }

    public static List<SlaPolicy> policies() {
        return List.of(
                policy("P1", "PT15M", "PT4H", TWENTY_FOUR_SEVEN, List.of(75, 90), "PT15M", "PT1H"),
                policy("P2", "PT30M", "PT8H", TWENTY_FOUR_SEVEN, List.of(75, 90), "PT30M", "PT2H"),
                policy("P3", "PT4H", "PT24H", BUSINESS_HOURS, List.of(75, 90), "PT2H", "PT8H"),
                policy("P4", "PT8H", "PT40H", BUSINESS_HOURS, List.of(75, 90), "PT4H", "PT16H"),
                policy("P5", "PT16H", "PT80H", BUSINESS_HOURS, List.of(75, 90), "PT8H", "PT24H"),
                new SlaPolicy(VIP_DEDICATED, Duration.parse("PT15M"), Duration.parse("PT4H"), TWENTY_FOUR_SEVEN,
                        List.of(50, 75, 90), List.of(), List.of(
                        new EscalationLevel(1, Duration.ZERO, "vip-desk"),
                        new EscalationLevel(2, Duration.parse("PT15M"), "desk-manager"),
                        new EscalationLevel(3, Duration.parse("PT30M"), "it-director")),
                        Reprioritization.RECOMPUTE_FROM_OPEN));
    }

    private static SlaPolicy policy(String name, String response, String resolution, String calendar, List<Integer> percents,
                                    String deskManagerAfter, String directorAfter) {
        return new SlaPolicy(name, Duration.parse(response), Duration.parse(resolution), calendar, percents, List.of(),
                List.of(new EscalationLevel(1, Duration.ZERO, "assignee-group"),
                        new EscalationLevel(2, Duration.parse(deskManagerAfter), "desk-manager"),
                        new EscalationLevel(3, Duration.parse(directorAfter), "it-director")),
                Reprioritization.RECOMPUTE_FROM_OPEN);
    }
}
