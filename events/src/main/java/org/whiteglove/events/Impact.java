package org.whiteglove.events;

/** How widely an issue affects the business (ITIL), widest first. */
public enum Impact {
    EXTENSIVE, SIGNIFICANT, MODERATE, MINOR
}
