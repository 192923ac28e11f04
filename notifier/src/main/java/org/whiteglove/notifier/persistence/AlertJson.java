package org.whiteglove.notifier.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.whiteglove.notifier.domain.Alert;

/** An alert as JSON for native inserts, in the format Hibernate reads back for the entity's JSON column. */
final class AlertJson {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private AlertJson() {
    }

    static Alert read(String json) {
        try {
            return JSON.readValue(json, Alert.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored alert is always readable", e);
        }
    }

    static String write(Alert alert) {
        try {
            return JSON.writeValueAsString(alert);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an alert is always JSON", e);
        }
    }
}
