package org.whiteglove.slamonitor.timer;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the first horizon of timers (overdue ones included) is in memory and firing. */
@Readiness
@ApplicationScoped
public class TimersReadiness implements HealthCheck {

    private final TimerScheduler scheduler;

    public TimersReadiness(TimerScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("SLA timers loaded")
                .status(scheduler.isLoaded())
                .withData("inMemory", scheduler.inMemory())
                .build();
    }
}
