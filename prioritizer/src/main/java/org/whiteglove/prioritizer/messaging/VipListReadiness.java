package org.whiteglove.prioritizer.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the whole VIP list has been read: a decision before that could miss a VIP. */
@Readiness
@ApplicationScoped
public class VipListReadiness implements HealthCheck {

    private final VipListView view;

    public VipListReadiness(VipListView view) {
        this.view = view;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("VIP list read to the end")
                .status(view.isCaughtUp())
                .withData("vips", view.directory().size())
                .build();
    }
}
