package org.whiteglove.infra.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.whiteglove.infra.security.LocalJwt;

import java.util.Map;

/** Points the service at the test signing key; tests get tokens from {@link TestTokens}. */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalJwt jwt = TestTokens.keys();
        return Map.of(
                "mp.jwt.verify.publickey.location", jwt.publicKeyFile().toUri().toString(),
                "mp.jwt.verify.issuer", LocalJwt.ISSUER);
    }

    @Override
    public void stop() {
    }
}
