package org.whiteglove.intake.api;

import jakarta.ws.rs.core.SecurityContext;

/** Who did it, as history and events record it: the token's subject or the API key's name. */
final class Callers {

    private Callers() {
    }

    static String name(SecurityContext security) {
        return security.getUserPrincipal() == null ? "anonymous" : security.getUserPrincipal().getName();
    }
}
