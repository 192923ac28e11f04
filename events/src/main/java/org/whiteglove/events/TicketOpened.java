package org.whiteglove.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A ticket was accepted by intake. Contact details never travel on topics: the requester and the
 * submitter (someone filing on the requester's behalf, e.g. an executive assistant) appear only as
 * hashed {@link ContactKey}s, which is enough for the prioritizer to match the VIP list.
 *
 * @param ticketNumber         the human number, e.g. SD-000123
 * @param requesterContactKeys hashed email/phone of the person the ticket is for
 * @param submitterContactKeys hashed email/phone of who submitted it when that is someone else; empty otherwise
 * @param vipClaimed           the caller asked for VIP service (e.g. dialled the VIP hotline); a claim, not a fact
 * @param sourceRef            the channel's own id: Message-ID, ACD call id or idempotency key
 * @param speedOfAnswer        phone only: answered minus started; null for other channels
 */
public record TicketOpened(
        String ticketId,
        String ticketNumber,
        Channel channel,
        String subject,
        String category,
        String affectedService,
        Impact impact,
        Urgency urgency,
        List<String> requesterContactKeys,
        List<String> submitterContactKeys,
        boolean vipClaimed,
        String sourceRef,
        Duration speedOfAnswer,
        Instant openedAt) implements TicketEvent {

    public TicketOpened {
        requesterContactKeys = requesterContactKeys == null ? List.of() : List.copyOf(requesterContactKeys);
        submitterContactKeys = submitterContactKeys == null ? List.of() : List.copyOf(submitterContactKeys);
    }
}
