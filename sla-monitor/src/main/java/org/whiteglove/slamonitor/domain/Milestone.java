package org.whiteglove.slamonitor.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A moment in a clock's life measured in business time elapsed: a warning, the breach, an escalation.
 * Its {@code code} is stable across policies ("warning-75", "warning-before-PT15M", "breach",
 * "escalation-2"), so a clock remembers what it already fired when its targets change.
 */
public record Milestone(String code, Kind kind, Duration atElapsed, int percent, int level, String targetGroup) {

    public enum Kind { WARNING, BREACH, ESCALATION }

    public static final String BREACH = "breach";

    /** The milestones of a clock with {@code target} under {@code policy}, earliest first. */
    public static List<Milestone> of(SlaPolicy policy, Duration target) {
        List<Milestone> all = new ArrayList<>();
        for (int percent : policy.warningPercents()) {
            all.add(new Milestone("warning-" + percent, Kind.WARNING, target.multipliedBy(percent).dividedBy(100), percent, 0, null));
        }
        for (Duration before : policy.warningsBefore()) {
            if (before.compareTo(target) < 0) {
                Duration at = target.minus(before);
                int percent = (int) (at.toMillis() * 100 / target.toMillis());
                all.add(new Milestone("warning-before-" + before, Kind.WARNING, at, percent, 0, null));
            }
        }
        all.add(new Milestone(BREACH, Kind.BREACH, target, 100, 0, null));
        for (EscalationLevel e : policy.escalations()) {
            all.add(new Milestone("escalation-" + e.level(), Kind.ESCALATION, target.plus(e.afterBreach()), 0, e.level(), e.targetGroup()));
        }
        // Stable order: by moment, then breach before escalation 1 at the same moment, warnings first.
        all.sort(Comparator.comparing(Milestone::atElapsed).thenComparing(Milestone::kind).thenComparingInt(Milestone::level));
        return List.copyOf(all);
    }
}
