package org.whiteglove.runtime.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens whose signature and claims were verified, so an integrator's token sent with every call is not
 * checked with RSA again each time (measured: half of ticket-intake's CPU per ticket). Keyed by the whole token,
 * signature included, so only the very bytes verified before are recognized. An entry is used until the token
 * expires, and at most {@code reuse} after its verification (a rotated key takes effect within that time).
 * Bounded: when full of live entries, a new token is verified but not kept.
 *
 * @param <T> what the verification produced (the caller's JsonWebToken)
 */
public final class VerifiedTokens<T> {

    private record Entry<T>(T token, Instant until) {
    }

    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final int capacity;
    private final Duration reuse;

    public VerifiedTokens(int capacity, Duration reuse) {
        this.capacity = capacity;
        this.reuse = reuse;
    }

    /** The verified token, if {@code raw} was verified before and may still be used at {@code now}. */
    public T get(String raw, Instant now) {
        Entry<T> e = entries.get(raw);
        if (e == null) {
            return null;
        }
        if (!now.isBefore(e.until())) {
            entries.remove(raw, e);
            return null;
        }
        return e.token();
    }

    /** Keeps a token just verified at {@code now} that expires at {@code expiresAt} (null: never kept). */
    public void put(String raw, T token, Instant expiresAt, Instant now) {
        if (expiresAt == null || !now.isBefore(expiresAt)) {
            return;
        }
        if (entries.size() >= capacity) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= capacity) {
                return;
            }
        }
        Instant latest = now.plus(reuse);
        entries.put(raw, new Entry<>(token, expiresAt.isBefore(latest) ? expiresAt : latest));
    }

    int size() {
        return entries.size();
    }
}
