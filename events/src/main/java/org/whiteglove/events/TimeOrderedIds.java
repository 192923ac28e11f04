package org.whiteglove.events;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.UUID;

/**
 * Ids whose first bits are a moment, so ids made close in time sort close together (RFC 9562). Tickets and events
 * are keys of B-tree indexes in every service (tickets, views, clocks, facts, and each consumer's inbox of processed
 * event ids): a random id lands on a random leaf page, so under load nearly every insert read and dirtied a page
 * missing from PostgreSQL's buffers, where a time-ordered one goes where the last ones went.
 */
public final class TimeOrderedIds {

    private static final TimeBasedEpochGenerator NOW = Generators.timeBasedEpochGenerator();

    private TimeOrderedIds() {
    }

    /** A new unique id (version 7: the current millisecond, then random bits). */
    public static UUID next() {
        return NOW.generate();
    }

    /**
     * The same id for the same {@code key} every time (version 8): the millisecond of {@code at}, then 74 bits of the
     * key's SHA-256. {@code at} must be as fixed as the key (e.g. the deadline a timer's key names), since it is part
     * of the id.
     */
    public static UUID fromKey(Instant at, String key) {
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        ByteBuffer b = ByteBuffer.wrap(hash);
        long high = (at.toEpochMilli() << 16) | 0x8000L | (b.getShort() & 0x0FFFL);
        long low = (b.getLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
