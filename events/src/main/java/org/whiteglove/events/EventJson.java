package org.whiteglove.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * JSON for events: ISO-8601 instants and durations, nulls left out. Readers ignore unknown fields so
 * an additive schema change never breaks an older consumer, and a field missing from an older
 * producer's payload reads as null (or 0/false for primitives) so it never breaks a newer one.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = newMapper(false);

    private EventJson() {
    }

    /**
     * A mapper configured like the contract's. {@code strict} rejects unknown fields: the compatibility
     * test uses it so that renaming or removing a field fails the build.
     */
    public static ObjectMapper newMapper(boolean strict) {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, strict)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public static byte[] toBytes(WhitegloveEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + event.getClass().getSimpleName(), e);
        }
    }

    public static String toJson(WhitegloveEvent event) {
        return new String(toBytes(event), StandardCharsets.UTF_8);
    }

    public static <T extends WhitegloveEvent> T fromBytes(byte[] json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new MalformedEventException("not a valid " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Reads a payload whose type is given by its {@code ce_type} header. */
    public static WhitegloveEvent fromBytes(String ceType, byte[] json) {
        EventType type = EventType.fromCeType(ceType)
                .orElseThrow(() -> new MalformedEventException("unknown event type: " + ceType, null));
        return fromBytes(json, type.recordClass());
    }

    /** An event payload or header that cannot be read; consumers send such records to their DLQ. */
    public static final class MalformedEventException extends UncheckedIOException {
        public MalformedEventException(String message, IOException cause) {
            super(message, cause == null ? new IOException(message) : cause);
        }
    }
}
