package org.whiteglove.notifier.domain;

import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaClockKind;

import java.time.Instant;

/**
 * One thing worth telling people about, with what the message needs: ticket number and subject,
 * priority, VIP tier, the clock and its deadline.
 *
 * @param sourceEventId    ce_id of the event it came from; with rule and recipient the key of a delivery
 * @param escalationLevel  0 unless an escalation
 * @param thresholdPercent for warnings, the share of the target used
 * @param digestOf         for a digest, how many alerts it stands for (their tickets in {@code subject}); else 0
 */
public record Alert(
        String sourceEventId,
        AlertKind kind,
        String ticketId,
        String ticketNumber,
        String subject,
        Priority priority,
        String vipTier,
        String queue,
        SlaClockKind clock,
        int escalationLevel,
        String targetGroup,
        int thresholdPercent,
        Instant deadline,
        Instant occurredAt,
        int digestOf) {

    /** True while the ticket's opening (number, subject) has not reached the notifier: its messages wait for it a while. */
    public boolean awaitsTicket() {
        return ticketId != null && ticketNumber == null;
    }

    /** The same alert with the ticket's number and subject, when they arrived after the alert's event. */
    public Alert withTicket(String number, String newSubject) {
        return new Alert(sourceEventId, kind, ticketId, ticketNumber != null ? ticketNumber : number,
                subject != null ? subject : newSubject, priority, vipTier, queue, clock, escalationLevel, targetGroup,
                thresholdPercent, deadline, occurredAt, digestOf);
    }

    /** The same alert with the decision its event carried; without one (an older producer) it keeps what it had. */
    public Alert withDecision(Priority newPriority, String newVipTier, String newQueue) {
        if (newPriority == null) {
            return this;
        }
        return new Alert(sourceEventId, kind, ticketId, ticketNumber, subject, newPriority, newVipTier, newQueue, clock,
                escalationLevel, targetGroup, thresholdPercent, deadline, occurredAt, digestOf);
    }

    /** One message for {@code count} alerts of a rule that came faster than its limit. */
    public static Alert digest(String key, AlertKind kind, int count, String tickets, Instant at) {
        return new Alert(key, kind, null, null, tickets, null, null, null, null, 0, null, 0, null, at, count);
    }

    /** One line for a chat message or an email subject. */
    public String headline() {
        if (digestOf > 0) {
            return "Digest: " + digestOf + " more " + kind.name().toLowerCase().replace('_', ' ') + " alerts";
        }
        String ticket = (ticketNumber == null ? ticketId : ticketNumber) + (priority == null ? "" : " (" + priority + ")");
        String vip = vipTier == null ? "" : " VIP " + vipTier;
        String clockName = clock == null ? "" : clock.name().toLowerCase();
        return switch (kind) {
            case VIP_SUBMITTED -> "New" + vip + " ticket " + ticket;
            case VIP_ASSIGNED -> vip.strip() + " ticket " + ticket + " assigned";
            case VIP_RESOLVED -> vip.strip() + " ticket " + ticket + " resolved";
            case SLA_WARNING -> "SLA warning: " + ticket + vip + ", " + thresholdPercent + " % of the " + clockName + " target used";
            case SLA_BREACH -> "SLA breached: " + ticket + vip + ", " + clockName + " deadline passed";
            case ESCALATION -> "Escalation level " + escalationLevel + " (" + targetGroup + "): " + ticket + vip + ", " + clockName + " breached";
        };
    }
}
