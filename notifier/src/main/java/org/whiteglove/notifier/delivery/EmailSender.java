package org.whiteglove.notifier.delivery;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import org.whiteglove.notifier.config.NotifierConfig;
import org.whiteglove.notifier.domain.Alert;
import org.whiteglove.notifier.domain.WebhookPayloads;

import java.util.UUID;

/**
 * Alerts by email (quarkus-mailer over SMTP), text and HTML from Qute templates. The Message-ID derives
 * from the delivery id, so a resend after a crash is recognizably the same message.
 */
@ApplicationScoped
public class EmailSender {

    private final Mailer mailer;
    private final Template text;
    private final Template html;
    private final NotifierConfig config;

    public EmailSender(Mailer mailer, @Location("alert.txt") Template text, @Location("alert.html") Template html,
                       NotifierConfig config) {
        this.mailer = mailer;
        this.text = text;
        this.html = html;
        this.config = config;
    }

    public Sent send(UUID deliveryId, Alert alert, String recipient) {
        String link = link(config, alert);
        try {
            mailer.send(Mail.withText(recipient, "[Whiteglove] " + alert.headline(),
                            text.data("alert", alert).data("details", WebhookPayloads.details(alert)).data("link", link).render())
                    .setHtml(html.data("alert", alert).data("details", WebhookPayloads.details(alert)).data("link", link).render())
                    .addHeader("Message-ID", "<" + deliveryId + "@whiteglove.local>")
                    .addHeader("X-Whiteglove-Delivery", deliveryId.toString()));
            return Sent.ok("accepted by the SMTP server");
        } catch (RuntimeException e) {
            return Sent.failed("SMTP: " + rootMessage(e));
        }
    }

    /** The ticket's page, or the delivery log for a digest (which is about several tickets). */
    static String link(NotifierConfig config, Alert alert) {
        return alert.ticketId() == null ? config.ticketLink().replace("{ticketId}", "")
                : config.ticketLink().replace("{ticketId}", alert.ticketId());
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }
}
