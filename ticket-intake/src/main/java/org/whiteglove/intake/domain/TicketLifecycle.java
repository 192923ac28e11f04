package org.whiteglove.intake.domain;

import org.whiteglove.events.TicketStatus;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.whiteglove.events.TicketStatus.ASSIGNED;
import static org.whiteglove.events.TicketStatus.CLOSED;
import static org.whiteglove.events.TicketStatus.IN_PROGRESS;
import static org.whiteglove.events.TicketStatus.OPEN;
import static org.whiteglove.events.TicketStatus.PENDING_CUSTOMER;
import static org.whiteglove.events.TicketStatus.REOPENED;
import static org.whiteglove.events.TicketStatus.RESOLVED;
import static org.whiteglove.events.TicketStatus.RESPONDED;

/**
 * The ticket's lifecycle: OPEN → ASSIGNED → IN_PROGRESS ⇄ PENDING_CUSTOMER → RESOLVED → CLOSED, and
 * RESOLVED → REOPENED → ASSIGNED/IN_PROGRESS. RESPONDED is not a state but a milestone, the first agent
 * response, recorded once: explicitly, or implicitly the first time work visibly starts.
 */
public final class TicketLifecycle {

    private static final Map<TicketStatus, Set<TicketStatus>> NEXT = new EnumMap<>(TicketStatus.class);

    static {
        NEXT.put(OPEN, EnumSet.of(ASSIGNED));
        NEXT.put(ASSIGNED, EnumSet.of(IN_PROGRESS));
        NEXT.put(IN_PROGRESS, EnumSet.of(PENDING_CUSTOMER, RESOLVED));
        NEXT.put(PENDING_CUSTOMER, EnumSet.of(IN_PROGRESS, RESOLVED));
        NEXT.put(RESOLVED, EnumSet.of(CLOSED, REOPENED));
        NEXT.put(REOPENED, EnumSet.of(ASSIGNED, IN_PROGRESS));
        NEXT.put(CLOSED, EnumSet.noneOf(TicketStatus.class));
    }

    /** Statuses whose arrival means an agent has engaged with the requester. */
    private static final Set<TicketStatus> IMPLIES_RESPONSE = EnumSet.of(IN_PROGRESS, PENDING_CUSTOMER, RESOLVED);

    private TicketLifecycle() {
    }

    /** One status event to emit: {@code to} is RESPONDED for the first-response milestone. */
    public record Step(TicketStatus from, TicketStatus to) {
    }

    public static Set<TicketStatus> allowedFrom(TicketStatus current) {
        return EnumSet.copyOf(NEXT.get(current));
    }

    /**
     * The status events that asking for {@code requested} produces, in order; empty when nothing changes.
     *
     * @throws IllegalTransitionException when the lifecycle does not allow it
     */
    public static List<Step> plan(TicketStatus current, boolean responded, TicketStatus requested) {
        if (current == RESPONDED) {
            throw new IllegalArgumentException("RESPONDED is a milestone, never a ticket's status");
        }
        List<Step> steps = new ArrayList<>();
        if (requested == RESPONDED) {
            if (current == RESOLVED || current == CLOSED) {
                throw new IllegalTransitionException(current, requested, allowedFrom(current));
            }
            if (!responded) {
                steps.add(new Step(current, RESPONDED));
            }
            return steps;
        }
        if (requested == current) {
            return steps;
        }
        if (!NEXT.get(current).contains(requested)) {
            throw new IllegalTransitionException(current, requested, allowedFrom(current));
        }
        if (!responded && IMPLIES_RESPONSE.contains(requested)) {
            steps.add(new Step(current, RESPONDED));
        }
        steps.add(new Step(current, requested));
        return steps;
    }

    /** Whether giving the ticket an owner also moves it to ASSIGNED. */
    public static boolean assigningMovesToAssigned(TicketStatus current) {
        return current == OPEN || current == REOPENED;
    }

    /** Where a customer's reply takes the ticket: waiting on them ends; a resolved ticket reopens. */
    public static TicketStatus afterCustomerReply(TicketStatus current) {
        return switch (current) {
            case PENDING_CUSTOMER -> IN_PROGRESS;
            case RESOLVED -> REOPENED;
            default -> current;
        };
    }

    /** A ticket that takes no more replies: a reply to it opens a new ticket. */
    public static boolean isFinal(TicketStatus status) {
        return status == CLOSED;
    }
}
