package org.whiteglove.notifier.domain;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DOMAIN.md's notifications: the desk manager hears about VIP tickets submitted, assigned and resolved;
 * the assignee group about warnings and breaches; each escalation level its group (reminded every 30 min
 * until acknowledged). Everything also goes to the live stream.
 *
 * <p>Warnings and breaches are mailed one by one up to a limit per window and priority; beyond it, one digest per window. A
 * mass event (a calendar mistake, an outage that stops the desk) makes thousands of clocks fall due at once, and
 * a hundred thousand mails to one group address help nobody. The stream still shows every alert, and escalations
 * stay one message each: each is acknowledged on its own.
 */
public final class DefaultRules {

    private DefaultRules() {
    }

    /**
     * @param groups          email address per group: desk-manager, assignee-group, it-director
     * @param slaMaxPerWindow warnings (and, apart, breaches) mailed one by one per {@code slaWindow}; 0: no limit
     */
    public static List<Rule> of(Map<String, String> groups, int slaMaxPerWindow, Duration slaWindow) {
        String deskManager = groups.getOrDefault("desk-manager", "desk-manager@whiteglove.local");
        String assignees = groups.getOrDefault("assignee-group", "service-desk@whiteglove.local");
        String director = groups.getOrDefault("it-director", "it-director@whiteglove.local");
        return List.of(
                rule("VIP ticket submitted → desk manager", AlertKind.VIP_SUBMITTED, null, deskManager, null),
                rule("VIP ticket assigned → desk manager", AlertKind.VIP_ASSIGNED, null, deskManager, null),
                rule("VIP ticket resolved → desk manager", AlertKind.VIP_RESOLVED, null, deskManager, null),
                rule("SLA warning → assignee group", AlertKind.SLA_WARNING, null, assignees, null, slaMaxPerWindow, slaWindow),
                rule("SLA breach → assignee group", AlertKind.SLA_BREACH, null, assignees, null, slaMaxPerWindow, slaWindow),
                rule("Escalation 1 → assignee group", AlertKind.ESCALATION, 1, assignees, Duration.ofMinutes(30)),
                rule("Escalation 2 → desk manager", AlertKind.ESCALATION, 2, deskManager, Duration.ofMinutes(30)),
                rule("Escalation 3 → IT director", AlertKind.ESCALATION, 3, director, Duration.ofMinutes(30)));
    }

    private static Rule rule(String name, AlertKind kind, Integer level, String email, Duration repeat) {
        return rule(name, kind, level, email, repeat, 0, null);
    }

    private static Rule rule(String name, AlertKind kind, Integer level, String email, Duration repeat, int maxPerWindow, Duration window) {
        boolean vipOnly = kind == AlertKind.VIP_SUBMITTED || kind == AlertKind.VIP_ASSIGNED || kind == AlertKind.VIP_RESOLVED;
        return new Rule(null, name, kind, level, Set.of(), vipOnly ? Set.of(Rule.ANY_VIP) : Set.of(), Set.of(),
                List.of(email), List.of(), true, maxPerWindow, window, repeat, true);
    }
}
