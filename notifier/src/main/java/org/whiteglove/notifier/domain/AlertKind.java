package org.whiteglove.notifier.domain;

/** What happened, in the words the desk uses for its alerts. */
public enum AlertKind {
    VIP_SUBMITTED, VIP_ASSIGNED, VIP_RESOLVED, SLA_WARNING, SLA_BREACH, ESCALATION
}
