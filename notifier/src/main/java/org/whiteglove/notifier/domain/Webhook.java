package org.whiteglove.notifier.domain;

import org.whiteglove.runtime.problem.InvalidFieldException;

import java.net.URI;

/**
 * Where a rule posts its alerts. {@code secret} signs every request (HMAC-SHA256) so the receiver can
 * check it came from us; it is never shown back once stored.
 */
public record Webhook(String url, Format format, String secret) {

    public enum Format { GENERIC, SLACK, TEAMS }

    public Webhook {
        URI uri;
        try {
            uri = URI.create(url == null ? "" : url);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("webhooks", "not a URL: " + url);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new InvalidFieldException("webhooks", "a webhook URL is http(s)://host/…, got " + url);
        }
        format = format == null ? Format.GENERIC : format;
        if (secret == null || secret.length() < 16) {
            throw new InvalidFieldException("webhooks", "a webhook needs a signing secret of at least 16 characters");
        }
    }
}
