package org.whiteglove.deploy.check;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls until a probe gives an answer: the platform is asynchronous, so every check waits for it to settle. */
public final class Await {

    private Await() {
    }

    /**
     * Calls {@code probe} every {@code every} until it returns a value other than null or false, and returns it.
     * An exception or assertion failure in the probe counts as "not yet"; the last one is reported on timeout.
     */
    public static <T> T until(String what, Duration timeout, Duration every, Callable<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                T value = probe.call();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what
                        + (last == null ? "" : "; last: " + last.getMessage()), last);
            }
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static <T> T until(String what, Duration timeout, Callable<T> probe) {
        return until(what, timeout, Duration.ofMillis(250), probe);
    }
}
