package org.whiteglove.slamonitor.domain;

import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.SlaEvent;
import org.whiteglove.events.TicketStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How a ticket's status moves its clocks. RESPONDED stops the response clock; PENDING_CUSTOMER pauses
 * both, any other status resumes them; RESOLVED stops the resolution clock (and the response clock, if
 * no response was recorded); CLOSED stops both; REOPENED runs the resolution clock again.
 */
public final class SlaLifecycle {

    private SlaLifecycle() {
    }

    public static List<SlaEvent> onStatusChange(List<SlaClock> clocks, TicketStatus to, Instant at) {
        List<SlaEvent> events = new ArrayList<>();
        for (SlaClock clock : clocks) {
            boolean response = clock.kind() == SlaClockKind.RESPONSE;
            Optional<SlaEvent> change = switch (to) {
                case RESPONDED -> response ? clock.stop(at) : Optional.empty();
                case PENDING_CUSTOMER -> clock.pause(at);
                case RESOLVED -> clock.stop(at);
                case CLOSED -> clock.stop(at);
                case REOPENED -> response ? clock.resume(at) : clock.reopen(at).or(() -> clock.resume(at));
                case OPEN, ASSIGNED, IN_PROGRESS -> clock.resume(at);
            };
            change.ifPresent(events::add);
        }
        return events;
    }
}
