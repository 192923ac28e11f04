package org.whiteglove.runtime.apikey;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a presented API key into a caller with the key's roles; unknown or revoked keys fail. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {

    private final ApiKeyStore store;

    public ApiKeyIdentityProvider(ApiKeyStore store) {
        this.store = store;
    }

    @Override
    public Class<ApiKeyAuthenticationRequest> getRequestType() {
        return ApiKeyAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            try {
                ApiKeyStore.ApiKey key = store.findActiveByHash(ApiKeys.hash(request.key()))
                        .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key"));
                return QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("api-key:" + key.name()))
                        .addRoles(key.roles())
                        .build();
            } catch (java.sql.SQLException e) {
                throw new AuthenticationFailedException("API keys cannot be checked right now", e);
            }
        });
    }
}
