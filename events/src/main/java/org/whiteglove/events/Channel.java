package org.whiteglove.events;

/** Where a ticket came in. */
public enum Channel {
    PHONE, EMAIL, WEB, API
}
