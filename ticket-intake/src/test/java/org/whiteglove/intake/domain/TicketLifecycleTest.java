package org.whiteglove.intake.domain;

import org.junit.jupiter.api.Test;
import org.whiteglove.events.TicketStatus;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.whiteglove.events.TicketStatus.ASSIGNED;
import static org.whiteglove.events.TicketStatus.CLOSED;
import static org.whiteglove.events.TicketStatus.IN_PROGRESS;
import static org.whiteglove.events.TicketStatus.OPEN;
import static org.whiteglove.events.TicketStatus.PENDING_CUSTOMER;
import static org.whiteglove.events.TicketStatus.REOPENED;
import static org.whiteglove.events.TicketStatus.RESOLVED;
import static org.whiteglove.events.TicketStatus.RESPONDED;

class TicketLifecycleTest {

    @Test
    void the_happy_path_from_open_to_closed() {
        assertEquals(List.of(new TicketLifecycle.Step(OPEN, ASSIGNED)), TicketLifecycle.plan(OPEN, false, ASSIGNED));
        // Starting work is the first response when none was recorded.
        assertEquals(List.of(new TicketLifecycle.Step(ASSIGNED, RESPONDED), new TicketLifecycle.Step(ASSIGNED, IN_PROGRESS)),
                TicketLifecycle.plan(ASSIGNED, false, IN_PROGRESS));
        assertEquals(List.of(new TicketLifecycle.Step(IN_PROGRESS, PENDING_CUSTOMER)), TicketLifecycle.plan(IN_PROGRESS, true, PENDING_CUSTOMER));
        assertEquals(List.of(new TicketLifecycle.Step(PENDING_CUSTOMER, IN_PROGRESS)), TicketLifecycle.plan(PENDING_CUSTOMER, true, IN_PROGRESS));
        assertEquals(List.of(new TicketLifecycle.Step(IN_PROGRESS, RESOLVED)), TicketLifecycle.plan(IN_PROGRESS, true, RESOLVED));
        assertEquals(List.of(new TicketLifecycle.Step(RESOLVED, CLOSED)), TicketLifecycle.plan(RESOLVED, true, CLOSED));
        assertEquals(List.of(new TicketLifecycle.Step(RESOLVED, REOPENED)), TicketLifecycle.plan(RESOLVED, true, REOPENED));
    }

    @Test
    void illegal_transitions_say_what_is_allowed() {
        var e = assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.plan(OPEN, false, CLOSED));
        assertTrue(e.getMessage().contains("OPEN → CLOSED is not allowed"), e.getMessage());
        assertEquals(java.util.Set.of(ASSIGNED), e.allowed());
        assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.plan(CLOSED, true, REOPENED));
        assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.plan(OPEN, false, RESOLVED));
        assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.plan(PENDING_CUSTOMER, true, CLOSED));
        assertThrows(IllegalTransitionException.class, () -> TicketLifecycle.plan(RESOLVED, true, RESPONDED));
    }

    @Test
    void the_first_response_is_recorded_once() {
        assertEquals(List.of(new TicketLifecycle.Step(ASSIGNED, RESPONDED)), TicketLifecycle.plan(ASSIGNED, false, RESPONDED));
        assertTrue(TicketLifecycle.plan(IN_PROGRESS, true, RESPONDED).isEmpty());
        assertEquals(List.of(new TicketLifecycle.Step(ASSIGNED, IN_PROGRESS)), TicketLifecycle.plan(ASSIGNED, true, IN_PROGRESS));
        assertTrue(TicketLifecycle.plan(IN_PROGRESS, true, IN_PROGRESS).isEmpty(), "asking for the current status changes nothing");
    }

    @Test
    void every_status_but_closed_has_a_way_forward_and_replies_move_tickets_sensibly() {
        for (TicketStatus s : TicketStatus.values()) {
            if (s != RESPONDED) {
                assertEquals(s == CLOSED, TicketLifecycle.allowedFrom(s).isEmpty(), s.name());
            }
        }
        assertEquals(IN_PROGRESS, TicketLifecycle.afterCustomerReply(PENDING_CUSTOMER));
        assertEquals(REOPENED, TicketLifecycle.afterCustomerReply(RESOLVED));
        assertEquals(ASSIGNED, TicketLifecycle.afterCustomerReply(ASSIGNED));
        assertTrue(TicketLifecycle.assigningMovesToAssigned(OPEN));
        assertFalse(TicketLifecycle.assigningMovesToAssigned(IN_PROGRESS));
    }
}
