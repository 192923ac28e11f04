package org.whiteglove.events;

/** How quickly the business needs a resolution (ITIL), most urgent first. */
public enum Urgency {
    CRITICAL, HIGH, MEDIUM, LOW;

    /** One step more urgent, saturating at CRITICAL. */
    public Urgency raisedBy(int steps) {
        return values()[Math.max(0, ordinal() - Math.max(0, steps))];
    }
}
