package org.whiteglove.slamonitor.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.whiteglove.events.Priority;
import org.whiteglove.events.Roles;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.runtime.problem.InvalidFieldException;
import org.whiteglove.slamonitor.domain.Milestone;
import org.whiteglove.slamonitor.domain.SlaClock;
import org.whiteglove.slamonitor.persistence.ClockStore;
import org.whiteglove.slamonitor.persistence.SlaClockEntity;
import org.whiteglove.slamonitor.persistence.TicketSlaEntity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Where each ticket stands against its SLA, and which tickets are closest to breaching. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENT, Roles.MANAGER, Roles.OPS})
@Tag(name = "SLA clocks")
public class ClockResource {

    /**
     * One clock. {@code deadline} is null while paused (it moves when the clock resumes); elapsed,
     * remaining and paused are business time; remaining is negative once breached.
     */
    public record ClockView(SlaClockKind clock, SlaClock.State state, String policy, Priority priority, String calendar,
                            Duration target, Instant startedAt, Instant deadline, int deadlineVersion, Duration elapsed,
                            Duration remaining, Duration paused, Instant pausedSince, Instant stoppedAt, boolean breached,
                            List<String> fired, String nextMilestone, Instant nextDueAt) {
    }

    /** @param waitingFor why no clock runs yet (its opening or its first decision has not arrived), else null */
    public record TicketSla(String ticketId, Priority priority, String queue, String vipTier, String waitingFor,
                            List<ClockView> clocks) {
    }

    public record AtRisk(String ticketId, SlaClockKind clock, Priority priority, String queue, String vipTier,
                         Instant deadline, Duration remaining, boolean breached, String nextMilestone) {
    }

    private final ClockStore store;
    private final Clock clock;

    public ClockResource(ClockStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @GET
    @Path("tickets/{id}/sla")
    @Operation(summary = "Each clock of a ticket: state, target, deadline, elapsed, remaining and paused business time")
    public TicketSla ticket(@PathParam("id") String ticketId) {
        TicketSlaEntity ticket = TicketSlaEntity.findById(ticketId);
        if (ticket == null) {
            throw new NotFoundException("no SLA clocks for ticket " + ticketId);
        }
        Instant now = clock.instant();
        List<ClockView> clocks = store.clocksOf(ticketId).stream().map(row -> view(row, now)).toList();
        String waitingFor = ticket.clocksStarted ? null
                : ticket.openedAt == null ? "the ticket's opening (ticket.events)" : "the ticket's first priority decision";
        return new TicketSla(ticketId, ticket.priority, ticket.queue, ticket.vipTier, waitingFor, clocks);
    }

    @GET
    @Path("at-risk")
    @Operation(summary = "Running clocks ordered by time to breach (breached first), filterable by priority, queue and VIP")
    public List<AtRisk> atRisk(@QueryParam("priority") String priority, @QueryParam("queue") String queue,
                               @QueryParam("vip") Boolean vip, @QueryParam("vipTier") String vipTier,
                               @QueryParam("within") String within,
                               @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        Instant now = clock.instant();
        Instant before = null;
        if (within != null) {
            try {
                before = now.plus(Duration.parse(within));
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("within", "an ISO-8601 duration such as PT1H, got " + within);
            }
        }
        return store.atRisk(priority(priority), queue, vip, vipTier, before, limit).stream().map(row -> {
            SlaClock c = store.toDomain(row);
            return new AtRisk(row.ticketId, row.clock, row.priority, row.queue, row.vipTier, row.deadline, c.remaining(now),
                    row.fired.contains(Milestone.BREACH) || !row.deadline.isAfter(now), row.nextMilestone);
        }).toList();
    }

    private ClockView view(SlaClockEntity row, Instant now) {
        SlaClock c = store.toDomain(row);
        return new ClockView(row.clock, c.state(), row.policy, row.priority, row.calendar, c.target(), c.start(),
                c.state() == SlaClock.State.PAUSED ? null : c.deadline(), c.deadlineVersion(), c.elapsed(now), c.remaining(now),
                c.pausedTime(now), c.pausedSince(), c.stoppedAt(),
                c.fired().contains(Milestone.BREACH) || c.remaining(now).isNegative(), List.copyOf(row.fired),
                row.nextMilestone, row.nextDueAt);
    }

    private static Priority priority(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Priority.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("priority", "must be one of P1, P2, P3, P4, P5");
        }
    }
}
