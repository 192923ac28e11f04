package org.whiteglove.runtime.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Making and hashing API keys. A key reads {@code wg_} + 43 URL-safe characters (256 random bits). */
public final class ApiKeys {

    public static final String HEADER = "X-Api-Key";
    static final String KEY_PREFIX = "wg_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public static String newKey() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** What the database keeps: the key's SHA-256, hex. */
    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The first characters, shown in listings so people can tell keys apart without seeing them. */
    public static String displayPrefix(String key) {
        return key.substring(0, Math.min(10, key.length()));
    }
}
