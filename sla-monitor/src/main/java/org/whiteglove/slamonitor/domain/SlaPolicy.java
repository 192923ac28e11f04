package org.whiteglove.slamonitor.domain;

import org.whiteglove.events.Priority;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Targets for one priority ("P1" … "P5") or one named policy for a dedicated VIP queue ("vip-dedicated"):
 * business time to first response and to resolution, the calendar they run on, when to warn, and the
 * escalation levels after a breach.
 *
 * @param warningPercents   warn when this share of the target is used, e.g. 75 and 90
 * @param warningsBefore    warn this much business time before the deadline, e.g. PT15M
 * @param onReprioritization what a running clock does when the ticket moves to this policy
 */
public record SlaPolicy(
        String name,
        Duration responseTarget,
        Duration resolutionTarget,
        String calendar,
        List<Integer> warningPercents,
        List<Duration> warningsBefore,
        List<EscalationLevel> escalations,
        Reprioritization onReprioritization) {

    public SlaPolicy {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9-]{0,62}")) {
            throw new InvalidFieldException("name", "a policy name is P1–P5 or 1–63 letters, digits or '-', got " + name);
        }
        requirePositive(responseTarget, "responseTarget");
        requirePositive(resolutionTarget, "resolutionTarget");
        if (calendar == null || calendar.isBlank()) {
            throw new InvalidFieldException("calendar", "a policy names the calendar its clocks run on");
        }
        TreeSet<Integer> percents = new TreeSet<>(warningPercents == null ? List.of() : warningPercents);
        if (!percents.isEmpty() && (percents.first() < 1 || percents.last() > 99)) {
            throw new InvalidFieldException("warningPercents", "warning thresholds are 1–99 % of the target, got " + percents);
        }
        warningPercents = List.copyOf(percents);
        TreeSet<Duration> before = new TreeSet<>(warningsBefore == null ? List.of() : warningsBefore);
        if (!before.isEmpty() && !isPositive(before.first())) {
            throw new InvalidFieldException("warningsBefore", "a warning before the deadline needs a positive duration, e.g. PT15M");
        }
        warningsBefore = List.copyOf(before);
        List<EscalationLevel> levels = new ArrayList<>(escalations == null ? List.of() : escalations);
        levels.sort(Comparator.comparingInt(EscalationLevel::level));
        for (int i = 0; i < levels.size(); i++) {
            if (levels.get(i).level() != i + 1) {
                throw new InvalidFieldException("escalations", "levels are numbered 1, 2, 3 … without gaps");
            }
            if (i > 0 && levels.get(i).afterBreach().compareTo(levels.get(i - 1).afterBreach()) < 0) {
                throw new InvalidFieldException("escalations", "level " + (i + 1) + " cannot come before level " + i);
            }
        }
        escalations = List.copyOf(levels);
        onReprioritization = onReprioritization == null ? Reprioritization.RECOMPUTE_FROM_OPEN : onReprioritization;
    }

    /** The policy name of a priority, as used when a decision names no policy. */
    public static String forPriority(Priority priority) {
        return priority.name();
    }

    public Duration target(org.whiteglove.events.SlaClockKind clock) {
        return switch (clock) {
            case RESPONSE -> responseTarget;
            case RESOLUTION -> resolutionTarget;
        };
    }

    static boolean isPositive(Duration d) {
        return !d.isNegative() && !d.isZero();
    }

    private static void requirePositive(Duration d, String field) {
        if (d == null || !isPositive(d)) {
            throw new InvalidFieldException(field, field + " must be a positive duration, e.g. PT4H");
        }
    }
}
