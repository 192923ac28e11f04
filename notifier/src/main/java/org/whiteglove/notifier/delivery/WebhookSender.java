package org.whiteglove.notifier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.whiteglove.notifier.config.NotifierConfig;
import org.whiteglove.notifier.domain.Alert;
import org.whiteglove.notifier.domain.Webhook;
import org.whiteglove.notifier.domain.WebhookPayloads;
import org.whiteglove.notifier.domain.WebhookSignature;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.UUID;

/**
 * Alerts to webhooks: JSON (ours, Slack's or Teams'), signed over timestamp and body, with a timeout.
 * A 2xx is delivered; 408, 429 and 5xx or no answer are worth another try; other 4xx are not.
 * The JDK's HTTP client: one request at a time per delivery needs nothing more.
 */
@ApplicationScoped
public class WebhookSender {

    public static final String DELIVERY_HEADER = "X-Whiteglove-Delivery";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(3)).build();
    private final ObjectMapper json;
    private final NotifierConfig config;
    private final Clock clock;

    public WebhookSender(ObjectMapper json, NotifierConfig config, Clock clock) {
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    public Sent send(UUID deliveryId, Alert alert, Webhook webhook) {
        byte[] body;
        try {
            String link = EmailSender.link(config, alert);
            body = json.writeValueAsBytes(WebhookPayloads.of(webhook.format(), deliveryId.toString(), alert, link));
        } catch (JsonProcessingException e) {
            return Sent.refused("cannot write the payload: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(webhook.url()))
                .timeout(config.dispatch().webhookTimeout())
                .header("Content-Type", "application/json")
                .header(DELIVERY_HEADER, deliveryId.toString())
                .header(WebhookSignature.HEADER, WebhookSignature.header(webhook.secret(), clock.instant().getEpochSecond(), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return Sent.ok("HTTP " + status);
            }
            if (status == 408 || status == 429 || status >= 500) {
                return Sent.failed("HTTP " + status);
            }
            return Sent.refused("HTTP " + status + " (the receiver refused it; not retried)");
        } catch (IOException e) {
            return Sent.failed(EmailSender.rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Sent.failed("interrupted");
        }
    }
}
