package org.whiteglove.notifier.domain;

import org.junit.jupiter.api.Test;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NotifierDomainTest {

    static Alert alert(AlertKind kind, Priority priority, String tier, String queue, int level) {
        return new Alert("ev-1", kind, "T-1", "SD-000042", "VPN down", priority, tier, queue, SlaClockKind.RESOLUTION, level,
                level > 0 ? "desk-manager" : null, 75, Instant.parse("2026-11-23T10:00:00Z"), Instant.parse("2026-11-23T09:00:00Z"), 0);
    }

    static Rule rule(AlertKind kind, Integer level, Set<Priority> priorities, Set<String> tiers, Set<String> queues) {
        return new Rule("r", "rule", kind, level, priorities, tiers, queues, List.of("ops@example.org"), List.of(), false, 0, null, null, true);
    }

    @Test
    void rulesMatchKindLevelPriorityTierAndQueue() {
        Alert vipP2 = alert(AlertKind.ESCALATION, Priority.P2, "EXECUTIVE", "vip-desk", 2);
        assertTrue(rule(AlertKind.ESCALATION, null, Set.of(), Set.of(), Set.of()).matches(vipP2));
        assertTrue(rule(AlertKind.ESCALATION, 2, Set.of(Priority.P1, Priority.P2), Set.of(Rule.ANY_VIP), Set.of("vip-desk")).matches(vipP2));
        assertFalse(rule(AlertKind.ESCALATION, 3, Set.of(), Set.of(), Set.of()).matches(vipP2), "another level");
        assertFalse(rule(AlertKind.SLA_BREACH, null, Set.of(), Set.of(), Set.of()).matches(vipP2), "another kind");
        assertFalse(rule(AlertKind.ESCALATION, null, Set.of(Priority.P1), Set.of(), Set.of()).matches(vipP2), "another priority");
        assertFalse(rule(AlertKind.ESCALATION, null, Set.of(), Set.of("CRITICAL_ROLE"), Set.of()).matches(vipP2), "another tier");
        assertFalse(rule(AlertKind.ESCALATION, null, Set.of(), Set.of(Rule.ANY_VIP), Set.of())
                .matches(alert(AlertKind.ESCALATION, Priority.P2, null, "service-desk", 2)), "not a VIP");
        assertFalse(rule(AlertKind.ESCALATION, null, Set.of(), Set.of(), Set.of("service-desk")).matches(vipP2), "another queue");
        Rule off = new Rule("r", "off", AlertKind.ESCALATION, null, null, null, null, List.of("a@b.cd"), null, false, 0, null, null, false);
        assertFalse(off.matches(vipP2), "disabled");
    }

    @Test
    void aRuleMustSendSomewhereAndNameLevelsOnlyForEscalations() {
        assertEquals("emails", assertThrows(InvalidFieldException.class, () -> new Rule(null, "x", AlertKind.SLA_BREACH, null,
                null, null, null, List.of(), List.of(), false, 0, null, null, true)).field());
        assertEquals("escalationLevel", assertThrows(InvalidFieldException.class, () -> new Rule(null, "x", AlertKind.SLA_BREACH, 1,
                null, null, null, List.of(), List.of(), true, 0, null, null, true)).field());
        assertEquals("emails", assertThrows(InvalidFieldException.class, () -> new Rule(null, "x", AlertKind.SLA_BREACH, null,
                null, null, null, List.of("not-an-address"), List.of(), false, 0, null, null, true)).field());
        assertEquals("repeatEvery", assertThrows(InvalidFieldException.class, () -> new Rule(null, "x", AlertKind.SLA_BREACH, null,
                null, null, null, List.of(), List.of(), true, 0, null, Duration.ofMinutes(5), true)).field());
    }

    @Test
    void signaturesVerifyOnlyWithTheSecretTheBodyAndAFreshTimestamp() {
        byte[] body = "{\"kind\":\"SLA_BREACH\"}".getBytes(StandardCharsets.UTF_8);
        String header = WebhookSignature.header("s3cr3t-s3cr3t-s3cr3t", 1_800_000_000L, body);
        assertTrue(header.matches("t=1800000000,v1=[0-9a-f]{64}"), header);
        assertTrue(WebhookSignature.verify("s3cr3t-s3cr3t-s3cr3t", header, body, 1_800_000_100L, 300));
        assertFalse(WebhookSignature.verify("another-secret-xxxx", header, body, 1_800_000_100L, 300));
        assertFalse(WebhookSignature.verify("s3cr3t-s3cr3t-s3cr3t", header, "{}".getBytes(StandardCharsets.UTF_8), 1_800_000_100L, 300));
        assertFalse(WebhookSignature.verify("s3cr3t-s3cr3t-s3cr3t", header, body, 1_800_001_000L, 300), "a replay much later");
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(30));
        Random random = new Random(7);
        for (int attempt = 2; attempt <= 10; attempt++) {
            long full = Math.min(1000L << (attempt - 2), 30_000);
            for (int i = 0; i < 200; i++) {
                long d = policy.delayBefore(attempt, random).toMillis();
                assertTrue(d >= full / 2 && d <= full, "attempt " + attempt + ": " + d + " within [" + full / 2 + ", " + full + "]");
            }
        }
        assertFalse(policy.exhausted(5));
        assertTrue(policy.exhausted(6));
    }

    @Test
    void payloadsForSlackAndTeamsCarryTheHeadlineAndTheLink() {
        Alert a = alert(AlertKind.SLA_WARNING, Priority.P3, "EXECUTIVE", "service-desk", 0);
        assertEquals("SLA warning: SD-000042 (P3) VIP EXECUTIVE, 75 % of the resolution target used", a.headline());
        Map<String, Object> slack = WebhookPayloads.of(Webhook.Format.SLACK, "d-1", a, "https://desk/T-1");
        assertEquals(a.headline(), slack.get("text"));
        assertTrue(slack.toString().contains("<https://desk/T-1|Open the ticket>"));
        Map<String, Object> teams = WebhookPayloads.of(Webhook.Format.TEAMS, "d-1", a, "https://desk/T-1");
        assertEquals("MessageCard", teams.get("@type"));
        assertTrue(teams.toString().contains("https://desk/T-1"));
        Map<String, Object> generic = WebhookPayloads.of(Webhook.Format.GENERIC, "d-1", a, "https://desk/T-1");
        assertEquals("d-1", generic.get("deliveryId"));
        assertEquals("P3", generic.get("priority"));
    }

    @Test
    void defaultRulesFollowTheDomain() {
        List<Rule> rules = DefaultRules.of(Map.of("desk-manager", "dm@example.org"), 100, Duration.ofMinutes(5));
        Alert vipSubmitted = alert(AlertKind.VIP_SUBMITTED, Priority.P3, "EXECUTIVE", "service-desk", 0);
        assertTrue(rules.stream().anyMatch(r -> r.matches(vipSubmitted) && r.emails().contains("dm@example.org")));
        assertFalse(rules.stream().anyMatch(r -> r.matches(alert(AlertKind.VIP_SUBMITTED, Priority.P3, null, "service-desk", 0))));
        for (int level = 1; level <= 3; level++) {
            Alert e = alert(AlertKind.ESCALATION, Priority.P2, null, "service-desk", level);
            assertEquals(1, rules.stream().filter(r -> r.matches(e)).count(), "one rule per escalation level");
            assertTrue(rules.stream().filter(r -> r.matches(e)).allMatch(r -> r.maxPerWindow() == 0), "each escalation is its own message");
        }
        // An alert storm becomes digests: warnings and breaches are limited, each rule apart.
        for (AlertKind kind : List.of(AlertKind.SLA_WARNING, AlertKind.SLA_BREACH)) {
            Rule r = rules.stream().filter(x -> x.matches(alert(kind, Priority.P2, null, "service-desk", 0))).findFirst().orElseThrow();
            assertEquals(100, r.maxPerWindow(), kind.name());
            assertEquals(Duration.ofMinutes(5), r.window(), kind.name());
        }
    }
}
