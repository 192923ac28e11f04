package org.whiteglove.notifier.domain;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: attempt n waits base × 2^(n-1), capped, then a random share of that
 * ("equal jitter": half fixed, half random), so receivers coming back are not hit by every sender at once.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    public Duration delayBefore(int nextAttempt, RandomGenerator random) {
        long exp = base.toMillis() << Math.min(30, Math.max(0, nextAttempt - 2));
        long capped = Math.min(exp, cap.toMillis());
        long half = capped / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : random.nextLong(half + 1)));
    }

    public boolean exhausted(int attemptsMade) {
        return attemptsMade >= maxAttempts;
    }
}
