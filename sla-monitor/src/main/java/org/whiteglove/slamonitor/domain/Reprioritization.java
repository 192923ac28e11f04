package org.whiteglove.slamonitor.domain;

/** What a running clock does when its ticket gets another priority (and so another policy). */
public enum Reprioritization {
    /** New targets counted from the ticket's opening, paused time still excluded (the default). */
    RECOMPUTE_FROM_OPEN,
    /** New targets counted from the moment of re-prioritization; warnings may fire again. */
    RESTART,
    /** Whichever deadline is earlier, the running one or the recomputed one. */
    KEEP_TIGHTER
}
