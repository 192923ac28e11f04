package org.whiteglove.prioritizer.domain;

import org.junit.jupiter.api.Test;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SupportModel;
import org.whiteglove.events.Urgency;
import org.whiteglove.events.VipMatch;
import org.whiteglove.events.VipUpserted;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PrioritizationTest {

    private static final PriorityMatrix MATRIX = PriorityMatrix.standard();
    private static final VipPolicy POLICY = VipPolicy.standard();
    private static final VipDirectory.Credit EXECUTIVE = new VipDirectory.Credit(VipMatch.VIP, "p-1", "EXECUTIVE");

    @Test
    void the_standard_matrix_is_the_one_of_the_domain() {
        assertEquals(Priority.P1, MATRIX.priorityOf(Impact.EXTENSIVE, Urgency.HIGH));
        assertEquals(Priority.P3, MATRIX.priorityOf(Impact.SIGNIFICANT, Urgency.MEDIUM));
        assertEquals(Priority.P4, MATRIX.priorityOf(Impact.MODERATE, Urgency.MEDIUM));
        assertEquals(Priority.P5, MATRIX.priorityOf(Impact.MINOR, Urgency.LOW));
        var missing = new java.util.EnumMap<Impact, Map<Urgency, Priority>>(Impact.class);
        missing.put(Impact.MINOR, Map.of(Urgency.LOW, Priority.P5));
        assertThrows(IllegalArgumentException.class, () -> new PriorityMatrix(2, missing));
    }

    @Test
    void a_prioritized_vip_gets_urgency_raised_and_explained() {
        var d = Prioritization.decide(Impact.MODERATE, Urgency.MEDIUM, EXECUTIVE, MATRIX, POLICY);
        assertEquals(Priority.P3, d.priority());
        assertEquals(Prioritization.RANK_VIP, d.rank());
        assertEquals("EXECUTIVE", d.vipTier());
        assertEquals("impact MODERATE × urgency MEDIUM → P4; VIP tier EXECUTIVE, model PRIORITIZED: urgency MEDIUM→HIGH → P3",
                d.trace().sentence());
        assertEquals(List.of("matrix", "vip-urgency-raise"), d.trace().steps().stream().map(s -> s.rule()).toList());
    }

    @Test
    void a_vip_bump_never_makes_p1_but_a_critical_incident_stays_p1() {
        var vip = Prioritization.decide(Impact.SIGNIFICANT, Urgency.HIGH, EXECUTIVE, MATRIX, POLICY);
        assertEquals(Priority.P2, vip.priority(), "SIGNIFICANT × HIGH is P2; raised to CRITICAL would be P1; capped");
        assertEquals(List.of("matrix", "vip-urgency-raise", "vip-cap"), vip.trace().steps().stream().map(s -> s.rule()).toList());
        var incident = Prioritization.decide(Impact.EXTENSIVE, Urgency.CRITICAL, VipDirectory.Credit.NONE, MATRIX, POLICY);
        assertEquals(Priority.P1, incident.priority());
        assertEquals(Prioritization.RANK_NORMAL, incident.rank());
        var vipIncident = Prioritization.decide(Impact.EXTENSIVE, Urgency.CRITICAL, EXECUTIVE, MATRIX, POLICY);
        assertEquals(Priority.P1, vipIncident.priority(), "the cap never lowers what the matrix gave");
    }

    @Test
    void dedicated_tiers_go_to_their_queue_same_service_only_records_and_rejected_claims_get_normal_service() {
        var dedicated = Prioritization.decide(Impact.MINOR, Urgency.LOW,
                new VipDirectory.Credit(VipMatch.VIP, "p-2", "CRITICAL_ROLE"), MATRIX, POLICY);
        assertEquals("vip-desk", dedicated.queue());
        assertEquals("vip-dedicated", dedicated.slaPolicy());
        assertEquals(SupportModel.DEDICATED, dedicated.supportModel());
        assertEquals(Priority.P5, dedicated.priority());

        var same = Prioritization.decide(Impact.MINOR, Urgency.LOW, new VipDirectory.Credit(VipMatch.VIP, "p-3", "BOARD"), MATRIX, POLICY);
        assertEquals(SupportModel.SAME, same.supportModel());
        assertEquals(Prioritization.RANK_NORMAL, same.rank());

        var rejected = Prioritization.decide(Impact.MODERATE, Urgency.MEDIUM, VipDirectory.Credit.CLAIM_REJECTED, MATRIX, POLICY);
        assertEquals(Priority.P4, rejected.priority());
        assertNull(rejected.vipTier());
        assertEquals(VipMatch.CLAIM_REJECTED, rejected.trace().vipMatch());
        assertEquals("impact MODERATE × urgency MEDIUM → P4; VIP claim rejected: not eligible", rejected.trace().sentence());
    }

    @Test
    void a_floor_lifts_low_priorities_within_the_cap() {
        var policy = new VipPolicy(2, Priority.P2, Map.of("EXECUTIVE",
                new VipPolicy.TierPolicy(SupportModel.PRIORITIZED, 0, Priority.P3, null, null)));
        assertEquals(Priority.P3, Prioritization.decide(Impact.MINOR, Urgency.LOW, EXECUTIVE, MATRIX, policy).priority());
        assertThrows(IllegalArgumentException.class, () -> new VipPolicy(3, Priority.P1, Map.of()));
    }

    @Test
    void delegates_credit_their_own_vip_only() {
        VipDirectory directory = new VipDirectory();
        directory.upsert(new VipUpserted("p-1", "EXECUTIVE", null, null, List.of("k-vip"),
                List.of(new VipUpserted.Delegate("d-1", List.of("k-sam"))), Instant.now()));
        directory.upsert(new VipUpserted("p-2", "EXECUTIVE", null, null, List.of("k-other"), List.of(), Instant.now()));

        assertEquals(VipMatch.VIP, directory.credit(List.of("k-vip"), List.of(), false).match());
        assertEquals(VipMatch.DELEGATE, directory.credit(List.of("k-vip"), List.of("k-sam"), false).match());
        assertEquals("p-1", directory.credit(List.of("k-sam"), List.of(), false).personId(), "a delegate calling acts for their VIP");
        assertEquals(VipMatch.NONE, directory.credit(List.of("k-nobody"), List.of("k-sam"), false).match(),
                "a delegate submitting for someone else gives no VIP treatment");
        assertEquals(VipMatch.CLAIM_REJECTED, directory.credit(List.of("k-nobody"), List.of(), true).match());

        directory.remove("p-1");
        assertEquals(VipMatch.NONE, directory.credit(List.of("k-vip"), List.of(), false).match());
        assertEquals(VipMatch.VIP, directory.credit(List.of("k-other"), List.of(), false).match());
        assertEquals(1, directory.size());
    }
}
