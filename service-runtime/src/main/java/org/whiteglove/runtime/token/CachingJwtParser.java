package org.whiteglove.runtime.token;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.Instant;

/**
 * Decorates SmallRye JWT's parser, which verifies every request's bearer token (signature, issuer, expiry):
 * a token verified before is answered from {@link VerifiedTokens} until it expires. SmallRye JWT has no such
 * cache of its own. Failures are never kept, so a bad token is checked (and refused) every time.
 */
@Decorator
@Priority(10)
public abstract class CachingJwtParser implements JWTParser {

    /** One per decorated parser (an application-scoped bean), so the cache lives and dies with it. */
    private final VerifiedTokens<JsonWebToken> verifiedTokens = new VerifiedTokens<>(10_000, Duration.ofMinutes(5));

    @Inject
    @Delegate
    JWTParser delegate;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Instant now = Instant.now();
        JsonWebToken known = verifiedTokens.get(token, now);
        if (known != null) {
            return known;
        }
        JsonWebToken verified = delegate.parse(token);
        long exp = verified.getExpirationTime();
        verifiedTokens.put(token, verified, exp > 0 ? Instant.ofEpochSecond(exp) : null, now);
        return verified;
    }
}
