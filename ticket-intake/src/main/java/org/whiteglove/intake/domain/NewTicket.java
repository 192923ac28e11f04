package org.whiteglove.intake.domain;

import org.whiteglove.events.Channel;
import org.whiteglove.events.Impact;
import org.whiteglove.events.Urgency;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A ticket to open, from any channel.
 *
 * @param submitter     who filed it for the requester (an assistant); null when the requester did
 * @param speedOfAnswer phone only: how long the caller waited; null otherwise
 */
public record NewTicket(
        Channel channel,
        String subject,
        String description,
        String category,
        String affectedService,
        Impact impact,
        Urgency urgency,
        Party requester,
        Party submitter,
        boolean vipClaimed,
        String sourceRef,
        Duration speedOfAnswer,
        List<ParsedEmail.Attachment> attachments,
        Instant openedAt) {

    /** A person as a channel identifies them; phone already in E.164. */
    public record Party(String name, String email, String phone) {
    }
}
