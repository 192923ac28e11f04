package org.whiteglove.prioritizer.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SupportModel;
import org.whiteglove.events.Urgency;
import org.whiteglove.events.VipMatch;

import java.util.EnumMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The VIP invariant over every input, every matrix and every policy. Edge-case mixing is off: with five
 * parameters it would fill every try with corner combinations and leave no random ones.
 */
class VipBoundPropertiesTest {

    @Property(tries = 5000, edgeCases = EdgeCasesMode.NONE)
    void vip_treatment_alone_never_yields_p1_nor_beats_the_cap(
            @ForAll Impact impact, @ForAll Urgency urgency, @ForAll("matrices") PriorityMatrix matrix,
            @ForAll("policies") VipPolicy policy, @ForAll("credits") VipDirectory.Credit credit) {
        Priority base = matrix.priorityOf(impact, urgency);
        Priority decided = Prioritization.decide(impact, urgency, credit, matrix, policy).priority();
        if (decided == Priority.P1) {
            assertEquals(Priority.P1, base, "P1 only from impact × urgency");
        }
        if (decided.isHigherThan(policy.cap())) {
            assertEquals(base, decided, "better than the cap only where the matrix says so");
        }
    }

    @Property(tries = 5000, edgeCases = EdgeCasesMode.NONE)
    void vip_treatment_never_makes_a_ticket_worse_and_non_vips_get_the_matrix(
            @ForAll Impact impact, @ForAll Urgency urgency, @ForAll("matrices") PriorityMatrix matrix,
            @ForAll("policies") VipPolicy policy, @ForAll("credits") VipDirectory.Credit credit) {
        Priority base = matrix.priorityOf(impact, urgency);
        var decision = Prioritization.decide(impact, urgency, credit, matrix, policy);
        assertFalse(base.isHigherThan(decision.priority()));
        if (credit.match() == VipMatch.NONE || credit.match() == VipMatch.CLAIM_REJECTED) {
            assertEquals(base, decision.priority());
            assertEquals(Prioritization.RANK_NORMAL, decision.rank());
        }
        assertTrue(decision.trace().sentence().startsWith("impact " + impact + " × urgency " + urgency + " → " + base));
    }

    @Provide
    Arbitrary<PriorityMatrix> matrices() {
        return Arbitraries.of(Priority.class).list().ofSize(16).map(cells -> {
            Map<Impact, Map<Urgency, Priority>> m = new EnumMap<>(Impact.class);
            int i = 0;
            for (Impact impact : Impact.values()) {
                Map<Urgency, Priority> row = new EnumMap<>(Urgency.class);
                for (Urgency urgency : Urgency.values()) {
                    row.put(urgency, cells.get(i++));
                }
                m.put(impact, row);
            }
            return new PriorityMatrix(1, m);
        });
    }

    @Provide
    Arbitrary<VipPolicy> policies() {
        Arbitrary<VipPolicy.TierPolicy> tier = Combinators.combine(
                Arbitraries.of(SupportModel.class), Arbitraries.integers().between(0, 3),
                Arbitraries.of(Priority.class).injectNull(0.3)).as((model, steps, floor) ->
                new VipPolicy.TierPolicy(model, steps, floor, model == SupportModel.DEDICATED ? "vip-desk" : null,
                        model == SupportModel.DEDICATED ? "vip-dedicated" : null));
        return Combinators.combine(Arbitraries.of(Priority.P2, Priority.P3, Priority.P4, Priority.P5), tier, tier)
                .as((cap, executive, critical) -> new VipPolicy(1, cap, Map.of("EXECUTIVE", executive, "CRITICAL_ROLE", critical)));
    }

    @Provide
    Arbitrary<VipDirectory.Credit> credits() {
        return Combinators.combine(Arbitraries.of(VipMatch.class), Arbitraries.of("EXECUTIVE", "CRITICAL_ROLE", "UNKNOWN"))
                .as((match, tier) -> match == VipMatch.NONE || match == VipMatch.CLAIM_REJECTED
                        ? new VipDirectory.Credit(match, null, null)
                        : new VipDirectory.Credit(match, "p-1", tier));
    }
}
