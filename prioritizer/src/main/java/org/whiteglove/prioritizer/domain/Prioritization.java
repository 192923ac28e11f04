package org.whiteglove.prioritizer.domain;

import org.whiteglove.events.Impact;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SupportModel;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.Urgency;
import org.whiteglove.events.VipMatch;

import java.util.ArrayList;
import java.util.List;

/**
 * The decision: the matrix gives the priority; a VIP tier's support model may raise urgency, set a floor
 * or route to a dedicated queue, but never beyond the policy's cap unless the matrix itself says so.
 * So a VIP's minor issue never overtakes a critical incident.
 */
public final class Prioritization {

    public static final String DEFAULT_QUEUE = "service-desk";
    /** Within a priority: VIP tickets of a prioritized or dedicated tier first. */
    public static final int RANK_VIP = 0;
    public static final int RANK_NORMAL = 1;

    private Prioritization() {
    }

    /** A decision as published in TicketPrioritized (less the ticket id and times). */
    public record Decision(Priority priority, String queue, int rank, String vipTier, SupportModel supportModel,
                           String slaPolicy, TicketPrioritized.DecisionTrace trace) {
    }

    public static Decision decide(Impact impact, Urgency urgency, VipDirectory.Credit credit,
                                  PriorityMatrix matrix, VipPolicy policy) {
        Priority base = matrix.priorityOf(impact, urgency);
        List<TicketPrioritized.Step> steps = new ArrayList<>();
        steps.add(new TicketPrioritized.Step("matrix", "impact " + impact + " × urgency " + urgency, base));
        String sentence = "impact " + impact + " × urgency " + urgency + " → " + base;

        if (credit.match() == VipMatch.CLAIM_REJECTED) {
            steps.add(new TicketPrioritized.Step("vip-claim-rejected", "VIP service claimed but the requester is not eligible", base));
            return new Decision(base, DEFAULT_QUEUE, RANK_NORMAL, null, null, null, new TicketPrioritized.DecisionTrace(
                    impact, urgency, base, credit.match(), steps, sentence + "; VIP claim rejected: not eligible"));
        }
        if (credit.match() == VipMatch.NONE) {
            return new Decision(base, DEFAULT_QUEUE, RANK_NORMAL, null, null, null,
                    new TicketPrioritized.DecisionTrace(impact, urgency, base, credit.match(), steps, sentence));
        }

        VipPolicy.TierPolicy tier = policy.forTier(credit.tier());
        String vipPart = "; VIP tier " + credit.tier() + (credit.match() == VipMatch.DELEGATE ? " (via delegate)" : "")
                + ", model " + tier.model();
        return switch (tier.model()) {
            case SAME -> {
                steps.add(new TicketPrioritized.Step("vip-same-service", "recorded only", base));
                yield new Decision(base, DEFAULT_QUEUE, RANK_NORMAL, credit.tier(), SupportModel.SAME, null,
                        new TicketPrioritized.DecisionTrace(impact, urgency, base, credit.match(), steps,
                                sentence + vipPart + ": recorded only → " + base));
            }
            case DEDICATED -> {
                steps.add(new TicketPrioritized.Step("vip-dedicated-queue",
                        "queue " + tier.queue() + ", SLA policy " + tier.slaPolicy(), base));
                yield new Decision(base, tier.queue(), RANK_VIP, credit.tier(), SupportModel.DEDICATED, tier.slaPolicy(),
                        new TicketPrioritized.DecisionTrace(impact, urgency, base, credit.match(), steps,
                                sentence + vipPart + ": queue " + tier.queue() + ", SLA policy " + tier.slaPolicy() + " → " + base));
            }
            case PRIORITIZED -> {
                StringBuilder why = new StringBuilder();
                Priority result = base;
                if (tier.urgencySteps() > 0) {
                    Urgency raised = urgency.raisedBy(tier.urgencySteps());
                    result = better(result, matrix.priorityOf(impact, raised));
                    steps.add(new TicketPrioritized.Step("vip-urgency-raise", "urgency " + urgency + "→" + raised, result));
                    why.append("urgency ").append(urgency).append("→").append(raised);
                }
                if (tier.floor() != null && tier.floor().isHigherThan(result)) {
                    result = tier.floor();
                    steps.add(new TicketPrioritized.Step("vip-floor", "at least " + tier.floor(), result));
                    why.append(why.isEmpty() ? "" : ", ").append("floor ").append(tier.floor());
                }
                if (result.isHigherThan(policy.cap()) && result.isHigherThan(base)) {
                    // The cap bounds what VIP treatment adds; it never lowers what the matrix gave.
                    result = better(policy.cap(), base);
                    steps.add(new TicketPrioritized.Step("vip-cap", "VIP treatment is capped at " + policy.cap(), result));
                    why.append(", capped at ").append(policy.cap());
                }
                yield new Decision(result, DEFAULT_QUEUE, RANK_VIP, credit.tier(), SupportModel.PRIORITIZED, null,
                        new TicketPrioritized.DecisionTrace(impact, urgency, base, credit.match(), steps,
                                sentence + vipPart + ": " + (why.isEmpty() ? "no change" : why) + " → " + result));
            }
        };
    }

    private static Priority better(Priority a, Priority b) {
        return a.isHigherThan(b) ? a : b;
    }
}
