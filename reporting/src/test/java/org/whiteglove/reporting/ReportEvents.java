package org.whiteglove.reporting;

import org.eclipse.microprofile.config.ConfigProvider;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.Channel;
import org.whiteglove.events.EscalationRaised;
import org.whiteglove.events.Impact;
import org.whiteglove.events.NotificationChannel;
import org.whiteglove.events.NotificationDelivered;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.SlaMet;
import org.whiteglove.events.SlaWarning;
import org.whiteglove.events.SupportModel;
import org.whiteglove.events.TicketOpened;
import org.whiteglove.events.TicketPrioritized;
import org.whiteglove.events.TicketStatus;
import org.whiteglove.events.TicketStatusChanged;
import org.whiteglove.events.Urgency;
import org.whiteglove.events.VipMatch;
import org.whiteglove.events.WhitegloveEvent;
import org.whiteglove.infra.testing.TestEvents;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The events other services publish, built the way they build them, for the reporting tests. */
final class ReportEvents {

    private ReportEvents() {
    }

    static String bootstrap() {
        return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    }

    static CloudEventHeaders publish(WhitegloveEvent event) {
        return TestEvents.publish(bootstrap(), event);
    }

    static String newTicketId() {
        return "T-" + UUID.randomUUID();
    }

    static TicketOpened opened(String id, Channel channel, Instant at, boolean vipClaimed, Duration speedOfAnswer) {
        return new TicketOpened(id, "SD-" + id.substring(2, 8), channel, "subject", "hardware", "laptop", Impact.MODERATE,
                Urgency.MEDIUM, List.of(), List.of(), vipClaimed, "ref-" + id, speedOfAnswer, at);
    }

    static TicketPrioritized prioritized(String id, Priority priority, Priority previous, String queue, String vipTier,
                                         VipMatch match, Instant at) {
        return new TicketPrioritized(id, priority, previous, queue, 0, vipTier, vipTier == null ? null : SupportModel.PRIORITIZED,
                null, 1, new TicketPrioritized.DecisionTrace(Impact.MODERATE, Urgency.MEDIUM, priority, match, List.of(), "test"), at);
    }

    static TicketStatusChanged status(String id, TicketStatus from, TicketStatus to, Instant at) {
        return new TicketStatusChanged(id, from, to, "agent-1", at);
    }

    static SlaMet met(String id, SlaClockKind clock, boolean within, long businessSeconds, Instant at) {
        return new SlaMet(id, clock, at, within, Duration.ofSeconds(businessSeconds), at);
    }

    static SlaBreached breached(String id, SlaClockKind clock, Instant at) {
        return new SlaBreached(id, clock, at, 1, at, null, null, null);
    }

    static SlaWarning warned(String id, SlaClockKind clock, Instant at) {
        return new SlaWarning(id, clock, 75, at.plusSeconds(600), 1, at, null, null, null);
    }

    static EscalationRaised escalated(String id, Instant at) {
        return new EscalationRaised(id, SlaClockKind.RESPONSE, 1, "service-desk", at, 1, at, null, null, null);
    }

    static NotificationDelivered delivered(String id, Instant at) {
        return new NotificationDelivered(id, UUID.randomUUID().toString(), UUID.randomUUID().toString(), "vip-submitted",
                NotificationChannel.EMAIL, "desk-manager@whiteglove.local", 1, at);
    }
}
