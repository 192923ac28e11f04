package org.whiteglove.infra.testing;

import org.whiteglove.infra.security.LocalJwt;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Real signed bearer tokens for tests. The key pair lives in a file under java.io.tmpdir so the test
 * resource and the test class see the same key whatever class loader each was loaded in.
 */
public final class TestTokens {

    private TestTokens() {
    }

    /** An {@code Authorization} header value for a caller in {@code role}. */
    public static String bearer(String role) {
        return bearer(role, "test-" + role);
    }

    /** The same for a named caller, e.g. a second integration with the same role. */
    public static String bearer(String role, String subject) {
        return "Bearer " + keys().token(role, subject, Duration.ofHours(1));
    }

    static LocalJwt keys() {
        try {
            return LocalJwt.loadOrCreate(Path.of(System.getProperty("java.io.tmpdir"), "whiteglove-test-keys"));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the test signing keys", e);
        }
    }
}
