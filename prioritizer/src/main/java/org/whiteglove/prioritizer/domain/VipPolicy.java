package org.whiteglove.prioritizer.domain;

import org.whiteglove.events.Priority;
import org.whiteglove.events.SupportModel;

import java.util.Map;

/**
 * How each VIP tier is served, and the cap that keeps VIP treatment bounded: a VIP adjustment alone
 * never makes a ticket better than {@code cap} (default P2), so only impact × urgency can give P1.
 *
 * @param tiers policy per tier; a tier without one is served like everyone else (SAME)
 */
public record VipPolicy(int version, Priority cap, Map<String, TierPolicy> tiers) {

    public VipPolicy {
        if (cap == null || cap == Priority.P1) {
            throw new IllegalArgumentException("the VIP cap must be P2 or lower: only impact × urgency may give P1");
        }
        tiers = Map.copyOf(tiers);
    }

    /**
     * One tier's support model.
     *
     * @param urgencySteps PRIORITIZED: how many steps urgency is raised (0–3)
     * @param floor        PRIORITIZED: the priority a ticket gets at least (null: none)
     * @param queue        DEDICATED: the queue its tickets go to
     * @param slaPolicy    DEDICATED: the named SLA policy they run on
     */
    public record TierPolicy(SupportModel model, int urgencySteps, Priority floor, String queue, String slaPolicy) {
        public TierPolicy {
            if (model == null) {
                throw new IllegalArgumentException("a tier needs a support model");
            }
            if (urgencySteps < 0 || urgencySteps > 3) {
                throw new IllegalArgumentException("urgencySteps must be 0 to 3");
            }
            if (model == SupportModel.DEDICATED && (queue == null || queue.isBlank() || slaPolicy == null || slaPolicy.isBlank())) {
                throw new IllegalArgumentException("a DEDICATED tier needs a queue and an SLA policy");
            }
        }
    }

    /** EXECUTIVE prioritized (urgency +1), CRITICAL_ROLE dedicated, cap P2. */
    public static VipPolicy standard() {
        return new VipPolicy(1, Priority.P2, Map.of(
                "EXECUTIVE", new TierPolicy(SupportModel.PRIORITIZED, 1, null, null, null),
                "CRITICAL_ROLE", new TierPolicy(SupportModel.DEDICATED, 0, null, "vip-desk", "vip-dedicated")));
    }

    public TierPolicy forTier(String tier) {
        return tiers.getOrDefault(tier, new TierPolicy(SupportModel.SAME, 0, null, null, null));
    }

    public VipPolicy withVersion(int newVersion) {
        return new VipPolicy(newVersion, cap, tiers);
    }
}
