package org.whiteglove.notifier.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body a webhook receives, as plain maps (serialized by the sender): our own JSON, a Slack
 * incoming-webhook message, or a Microsoft Teams message card.
 */
public final class WebhookPayloads {

    private WebhookPayloads() {
    }

    public static Map<String, Object> of(Webhook.Format format, String deliveryId, Alert alert, String link) {
        return switch (format) {
            case GENERIC -> generic(deliveryId, alert, link);
            case SLACK -> Map.of(
                    "text", alert.headline(),
                    "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                            "text", "*" + alert.headline() + "*\n" + details(alert) + "\n<" + link + "|Open the ticket>"))));
            case TEAMS -> Map.of(
                    "@type", "MessageCard",
                    "@context", "https://schema.org/extensions",
                    "summary", alert.headline(),
                    "themeColor", alert.kind() == AlertKind.SLA_WARNING ? "FFA500" : "D70000",
                    "title", alert.headline(),
                    "text", details(alert),
                    "potentialAction", List.of(Map.of("@type", "OpenUri", "name", "Open the ticket",
                            "targets", List.of(Map.of("os", "default", "uri", link)))));
        };
    }

    private static Map<String, Object> generic(String deliveryId, Alert alert, String link) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deliveryId", deliveryId);
        body.put("kind", alert.kind().name());
        body.put("headline", alert.headline());
        body.put("ticketId", alert.ticketId());
        body.put("ticketNumber", alert.ticketNumber());
        body.put("subject", alert.subject());
        body.put("priority", alert.priority() == null ? null : alert.priority().name());
        body.put("vipTier", alert.vipTier());
        body.put("queue", alert.queue());
        body.put("clock", alert.clock() == null ? null : alert.clock().name());
        body.put("escalationLevel", alert.escalationLevel());
        body.put("targetGroup", alert.targetGroup());
        body.put("deadline", alert.deadline() == null ? null : alert.deadline().toString());
        body.put("occurredAt", alert.occurredAt().toString());
        body.put("sourceEventId", alert.sourceEventId());
        body.put("digestOf", alert.digestOf());
        body.put("link", link);
        return body;
    }

    /** "Subject: VPN down · priority P2 · VIP EXECUTIVE · queue vip-desk · deadline 2026-…" */
    public static String details(Alert alert) {
        StringBuilder s = new StringBuilder();
        if (alert.subject() != null) {
            s.append("Subject: ").append(alert.subject());
        }
        if (alert.priority() != null) {
            s.append(" · priority ").append(alert.priority());
        }
        if (alert.vipTier() != null) {
            s.append(" · VIP ").append(alert.vipTier());
        }
        if (alert.queue() != null) {
            s.append(" · queue ").append(alert.queue());
        }
        if (alert.deadline() != null) {
            s.append(" · deadline ").append(alert.deadline());
        }
        return s.toString();
    }
}
