package org.whiteglove.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A person's email or phone number as it may travel on topics: a salted SHA-256 of the normalized
 * value. vip-registry and ticket-intake hash the same way with the same platform-wide salt, so the
 * prioritizer matches requesters against the VIP list without ever holding contact details.
 */
public final class ContactKey {

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final String PREFIX = "sha256:";

    private ContactKey() {
    }

    /** Emails compare case-insensitively and without surrounding blanks. */
    public static String ofEmail(String salt, String email) {
        if (email == null || email.isBlank() || !email.contains("@")) {
            throw new IllegalArgumentException("not an email address: " + email);
        }
        return hash(salt, "email:" + email.strip().toLowerCase(Locale.ROOT));
    }

    /** Phone numbers must already be in E.164 form (callers normalize them with libphonenumber). */
    public static String ofPhone(String salt, String e164) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new IllegalArgumentException("not an E.164 phone number: " + e164);
        }
        return hash(salt, "phone:" + e164);
    }

    private static String hash(String salt, String value) {
        if (salt == null || salt.isEmpty()) {
            throw new IllegalArgumentException("a contact key needs the platform salt");
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(salt.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            return PREFIX + HexFormat.of().formatHex(sha256.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
