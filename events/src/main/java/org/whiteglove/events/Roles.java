package org.whiteglove.events;

import java.util.List;

/** The callers the platform knows (ARCHITECTURE.md, Security); constants so they fit in @RolesAllowed. */
public final class Roles {

    /** Phone, email and web intake systems creating tickets. */
    public static final String INTAKE = "intake";
    /** Service-desk agents working tickets. */
    public static final String AGENT = "agent";
    /** The owners of the VIP list. */
    public static final String VIP_ADMIN = "vip-admin";
    /** Desk managers: matrix, policies, reports. */
    public static final String MANAGER = "manager";
    /** Operations: alerts, integrations, API keys. */
    public static final String OPS = "ops";

    public static final List<String> ALL = List.of(INTAKE, AGENT, VIP_ADMIN, MANAGER, OPS);

    private Roles() {
    }
}
