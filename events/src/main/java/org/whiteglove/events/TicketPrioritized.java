package org.whiteglove.events;

import java.time.Instant;
import java.util.List;

/**
 * The prioritizer's decision for a ticket, with its explanation.
 *
 * @param previousPriority null on the first decision
 * @param rank             order within the priority, lower first (VIP tickets of a prioritized tier rank ahead)
 * @param vipTier          null when the ticket gets no VIP treatment
 * @param supportModel     null when the ticket gets no VIP treatment
 * @param slaPolicy        named SLA policy for dedicated queues; null means the per-priority policy
 * @param matrixVersion    version of the impact × urgency matrix used
 */
public record TicketPrioritized(
        String ticketId,
        Priority priority,
        Priority previousPriority,
        String queue,
        int rank,
        String vipTier,
        SupportModel supportModel,
        String slaPolicy,
        int matrixVersion,
        DecisionTrace trace,
        Instant decidedAt) implements PriorityEvent {

    /**
     * Why the ticket got its priority: the matrix cell, then each adjustment, and one human sentence
     * such as "impact MODERATE × urgency MEDIUM → P4; VIP tier EXECUTIVE, model PRIORITIZED: urgency MEDIUM→HIGH → P3".
     */
    public record DecisionTrace(
            Impact impact,
            Urgency urgency,
            Priority matrixPriority,
            VipMatch vipMatch,
            List<Step> steps,
            String sentence) {

        public DecisionTrace {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** One rule that was applied, e.g. rule "vip-urgency-raise", detail "MEDIUM→HIGH", result P3. */
    public record Step(String rule, String detail, Priority result) {
    }
}
