package org.whiteglove.events;

/** Where a notification went. */
public enum NotificationChannel {
    EMAIL, WEBHOOK, STREAM
}
