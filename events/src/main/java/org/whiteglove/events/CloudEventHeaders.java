package org.whiteglove.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * CloudEvents 1.0 attributes in Kafka binary mode: each attribute is a {@code ce_}-prefixed record
 * header and the record value is the event's JSON. Consumers deduplicate by {@link #id()}.
 *
 * @param source the publishing service, e.g. /whiteglove/ticket-intake
 */
public record CloudEventHeaders(String id, String type, String source, Instant time) {

    public static final String SPEC_VERSION = "1.0";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPECVERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    public CloudEventHeaders {
        require(id, ID);
        require(type, TYPE);
        require(source, SOURCE);
        if (time == null) {
            throw new IllegalArgumentException(TIME + " is required");
        }
    }

    /** Headers for a new event published now by {@code source}, with a fresh time-ordered id. */
    public static CloudEventHeaders forEvent(WhitegloveEvent event, String source, Instant now) {
        return new CloudEventHeaders(TimeOrderedIds.next().toString(), EventType.of(event).ceType(), source, now);
    }

    /** The header values as Kafka record headers (UTF-8), in a stable order. */
    public Map<String, byte[]> toKafkaHeaders() {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        headers.put(SPECVERSION, utf8(SPEC_VERSION));
        headers.put(ID, utf8(id));
        headers.put(TYPE, utf8(type));
        headers.put(SOURCE, utf8(source));
        headers.put(TIME, utf8(time.toString()));
        headers.put(CONTENT_TYPE, utf8(JSON));
        return headers;
    }

    /**
     * Reads the attributes back; {@code header} returns the last value of a header or null.
     *
     * @throws EventJson.MalformedEventException when an attribute is missing or unreadable
     */
    public static CloudEventHeaders fromKafkaHeaders(Function<String, byte[]> header) {
        try {
            return new CloudEventHeaders(
                    text(header, ID), text(header, TYPE), text(header, SOURCE),
                    Instant.parse(requireText(header, TIME)));
        } catch (RuntimeException e) {
            throw new EventJson.MalformedEventException("bad CloudEvents headers: " + e.getMessage(), null);
        }
    }

    private static String text(Function<String, byte[]> header, String name) {
        byte[] value = header.apply(name);
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    private static String requireText(Function<String, byte[]> header, String name) {
        String value = text(header, name);
        require(value, name);
        return value;
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
