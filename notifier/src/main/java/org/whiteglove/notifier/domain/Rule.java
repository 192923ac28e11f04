package org.whiteglove.notifier.domain;

import org.whiteglove.events.Priority;
import org.whiteglove.runtime.problem.InvalidFieldException;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Who hears about what. A rule matches an alert kind (an escalation optionally only at one level) and,
 * when given, the priority, VIP tier ("*" any VIP) and queue; it sends to email recipients (addresses or
 * distribution lists), webhooks and the live stream.
 *
 * @param maxPerWindow beyond this many alerts of one priority in {@code window}, the rest wait for one digest message
 *                     (each priority has its own count: minor alerts never use up the critical ones')
 * @param repeatEvery  escalations only: remind again at this interval until acknowledged or resolved
 */
public record Rule(
        String id,
        String name,
        AlertKind kind,
        Integer escalationLevel,
        Set<Priority> priorities,
        Set<String> vipTiers,
        Set<String> queues,
        List<String> emails,
        List<Webhook> webhooks,
        boolean stream,
        int maxPerWindow,
        Duration window,
        Duration repeatEvery,
        boolean enabled) {

    public static final String ANY_VIP = "*";

    public Rule {
        if (name == null || name.isBlank()) {
            throw new InvalidFieldException("name", "a rule needs a name");
        }
        if (kind == null) {
            throw new InvalidFieldException("kind", "a rule needs the kind of alert it matches");
        }
        if (escalationLevel != null && (kind != AlertKind.ESCALATION || escalationLevel < 1)) {
            throw new InvalidFieldException("escalationLevel", "only escalation rules name a level (1 or more)");
        }
        priorities = priorities == null ? Set.of() : Set.copyOf(priorities);
        vipTiers = vipTiers == null ? Set.of() : Set.copyOf(vipTiers);
        queues = queues == null ? Set.of() : Set.copyOf(queues);
        emails = emails == null ? List.of() : List.copyOf(emails);
        for (String e : emails) {
            if (!e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
                throw new InvalidFieldException("emails", "not an email address: " + e);
            }
        }
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        if (emails.isEmpty() && webhooks.isEmpty() && !stream) {
            throw new InvalidFieldException("emails", "a rule sends somewhere: emails, webhooks or the stream");
        }
        if (maxPerWindow < 0) {
            throw new InvalidFieldException("maxPerWindow", "zero (no limit) or more");
        }
        window = window == null ? Duration.ofMinutes(5) : window;
        if (window.isNegative() || window.isZero()) {
            throw new InvalidFieldException("window", "a positive duration, e.g. PT5M");
        }
        if (repeatEvery != null && (kind != AlertKind.ESCALATION || repeatEvery.compareTo(Duration.ofMinutes(1)) < 0)) {
            throw new InvalidFieldException("repeatEvery", "only escalation rules repeat, at most once a minute");
        }
    }

    public Rule withId(String newId) {
        return new Rule(newId, name, kind, escalationLevel, priorities, vipTiers, queues, emails, webhooks, stream,
                maxPerWindow, window, repeatEvery, enabled);
    }

    public boolean matches(Alert alert) {
        if (!enabled || alert.kind() != kind) {
            return false;
        }
        if (escalationLevel != null && escalationLevel != alert.escalationLevel()) {
            return false;
        }
        // Immutable sets refuse contains(null): a filter never matches a missing value.
        if (!priorities.isEmpty() && (alert.priority() == null || !priorities.contains(alert.priority()))) {
            return false;
        }
        if (!vipTiers.isEmpty()) {
            if (alert.vipTier() == null) {
                return false;
            }
            if (!vipTiers.contains(ANY_VIP) && !vipTiers.contains(alert.vipTier())) {
                return false;
            }
        }
        return queues.isEmpty() || (alert.queue() != null && queues.contains(alert.queue()));
    }
}
