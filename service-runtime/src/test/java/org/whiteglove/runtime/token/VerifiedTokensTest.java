package org.whiteglove.runtime.token;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void aVerifiedTokenIsKnownUntilItExpires() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, Duration.ofMinutes(5));
        tokens.put("a.b.c", "alice", NOW.plusSeconds(60), NOW);
        assertEquals("alice", tokens.get("a.b.c", NOW.plusSeconds(59)));
        assertNull(tokens.get("a.b.c", NOW.plusSeconds(60)), "expired: verified again, which refuses it");
        assertEquals(0, tokens.size());
    }

    @Test
    void onlyTheSameBytesAreRecognized() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, Duration.ofMinutes(5));
        tokens.put("a.b.c", "alice", NOW.plusSeconds(60), NOW);
        assertNull(tokens.get("a.b.d", NOW), "another signature is another token");
    }

    @Test
    void aLongLivedTokenIsVerifiedAgainAfterTheReuseTime() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, Duration.ofMinutes(5));
        tokens.put("a.b.c", "alice", NOW.plus(Duration.ofDays(1)), NOW);
        assertEquals("alice", tokens.get("a.b.c", NOW.plus(Duration.ofMinutes(4))));
        assertNull(tokens.get("a.b.c", NOW.plus(Duration.ofMinutes(5))), "a rotated key takes effect within the reuse time");
    }

    @Test
    void tokensWithoutExpiryOrAlreadyExpiredAreNotKept() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(10, Duration.ofMinutes(5));
        tokens.put("no.exp.x", "bob", null, NOW);
        tokens.put("old.exp.x", "carol", NOW, NOW);
        assertEquals(0, tokens.size());
    }

    @Test
    void whenFullOfLiveTokensANewOneIsNotKeptButExpiredOnesMakeRoom() {
        VerifiedTokens<String> tokens = new VerifiedTokens<>(2, Duration.ofMinutes(5));
        tokens.put("t1", "1", NOW.plusSeconds(10), NOW);
        tokens.put("t2", "2", NOW.plusSeconds(100), NOW);
        tokens.put("t3", "3", NOW.plusSeconds(100), NOW);
        assertNull(tokens.get("t3", NOW), "full: verified each time instead");
        tokens.put("t3", "3", NOW.plusSeconds(100), NOW.plusSeconds(20));
        assertEquals("3", tokens.get("t3", NOW.plusSeconds(20)), "t1 had expired and made room");
        assertEquals(2, tokens.size());
    }
}
