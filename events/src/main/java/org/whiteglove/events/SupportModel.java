package org.whiteglove.events;

/** The VIP support model a tier gets (DOMAIN.md): record only, bumped in the same desk, or a dedicated queue. */
public enum SupportModel {
    SAME, PRIORITIZED, DEDICATED
}
