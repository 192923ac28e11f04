package org.whiteglove.slamonitor.domain;

import org.whiteglove.runtime.problem.InvalidFieldException;

import java.time.Duration;

/**
 * Who hears about a breach, and when: level 1 the assignee group at breach, level 2 the desk manager
 * later, and so on. {@code afterBreach} is business time of the policy's calendar, so a breach late on
 * Friday does not wake the IT director on Saturday.
 */
public record EscalationLevel(int level, Duration afterBreach, String targetGroup) {

    public EscalationLevel {
        if (level < 1 || level > 9) {
            throw new InvalidFieldException("escalations", "level must be 1–9, got " + level);
        }
        if (afterBreach == null || afterBreach.isNegative()) {
            throw new InvalidFieldException("escalations", "afterBreach must be zero or more, e.g. PT30M");
        }
        if (targetGroup == null || targetGroup.isBlank()) {
            throw new InvalidFieldException("escalations", "level " + level + " needs a targetGroup");
        }
    }
}
