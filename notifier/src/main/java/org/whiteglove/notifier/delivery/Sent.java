package org.whiteglove.notifier.delivery;

/** How one attempt went: delivered, or failed with a reason (and whether trying again can help). */
public record Sent(boolean delivered, boolean retryable, String detail) {

    public static Sent ok(String detail) {
        return new Sent(true, false, detail);
    }

    public static Sent failed(String detail) {
        return new Sent(false, true, detail);
    }

    public static Sent refused(String detail) {
        return new Sent(false, false, detail);
    }
}
