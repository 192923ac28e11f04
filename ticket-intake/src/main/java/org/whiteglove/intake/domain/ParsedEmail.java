package org.whiteglove.intake.domain;

import org.whiteglove.events.Urgency;

import java.util.List;

/**
 * What intake needs of an inbound mail.
 *
 * @param messageId        the Message-ID, or a stable one derived from the content when the mail has none
 * @param referencedIds    In-Reply-To and References: the mails this one answers
 * @param sender           who actually sent it when that differs from {@code from} ("on behalf of"); null otherwise
 * @param body             the text the person wrote, HTML converted to text
 * @param latestReply      the body without the quoted earlier messages (for replies)
 * @param automatic        why this is an auto-reply, bounce or bulk mail that must not open a ticket; null for a person's mail
 * @param requestedUrgency HIGH when the mail is flagged important; null otherwise
 */
public record ParsedEmail(
        String messageId,
        List<String> referencedIds,
        String subject,
        Mailbox from,
        Mailbox sender,
        String body,
        String latestReply,
        List<Attachment> attachments,
        String automatic,
        Urgency requestedUrgency) {

    public record Mailbox(String name, String email) {
    }

    /** An attachment as listed on the ticket; its content is not stored. */
    public record Attachment(String fileName, String contentType, long sizeBytes) {
    }

    public boolean isAutomatic() {
        return automatic != null;
    }
}
