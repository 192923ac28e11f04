package org.whiteglove.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed samples are the contract's memory: every version's payloads must still be read by
 * today's records without losing a field. Renaming, removing or retyping a field fails here; adding
 * one does not. A new schema version adds a folder {@code samples/vN} and keeps the older ones.
 */
class EventSamplesCompatibilityTest {

    private static final ObjectMapper STRICT = EventJson.newMapper(true);

    @TestFactory
    Stream<DynamicTest> every_committed_sample_is_read_strictly_and_written_back_without_losing_a_field() {
        return samples().stream().map(sample -> DynamicTest.dynamicTest(sample.toString(), () -> {
            JsonNode committed = STRICT.readTree(sample.toFile());
            EventType type = typeOf(sample);
            WhitegloveEvent event = STRICT.treeToValue(committed, type.recordClass());
            JsonNode written = STRICT.readTree(EventJson.toBytes(event));
            assertContains(committed, written, "");
            // And through the production reader, as a consumer sees it.
            assertEquals(event, EventJson.fromBytes(type.ceType(), Files.readAllBytes(sample)));
        }));
    }

    @Test
    void every_event_type_has_a_sample_in_the_newest_version() {
        Path newest = samplesRoot().resolve("v" + newestVersion());
        for (EventType type : EventType.values()) {
            Path sample = newest.resolve(type.recordClass().getSimpleName() + ".json");
            assertTrue(Files.exists(sample), "missing sample " + sample + " for " + type);
        }
    }

    @Test
    void samples_fill_every_field_so_a_change_to_any_of_them_is_noticed() throws IOException {
        Path newest = samplesRoot().resolve("v" + newestVersion());
        for (EventType type : EventType.values()) {
            JsonNode committed = STRICT.readTree(newest.resolve(type.recordClass().getSimpleName() + ".json").toFile());
            for (var component : type.recordClass().getRecordComponents()) {
                assertTrue(committed.has(component.getName()),
                        type + " sample lacks field " + component.getName());
            }
        }
    }

    @Test
    void a_renamed_field_is_caught_by_the_strict_reader() {
        String renamed = "{\"personId\":\"p-1\",\"why\":\"EXPIRED\",\"removedAt\":\"2027-01-01T00:00:00Z\"}";
        var thrown = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> STRICT.readValue(renamed, VipRemoved.class));
        assertTrue(thrown.getMessage().contains("why"), thrown.getMessage());
    }

    @Test
    void a_payload_from_an_older_producer_without_a_newer_field_still_reads() {
        // As if `rank` (a primitive) and `slaPolicy` had been added after this producer was built.
        String older = "{\"ticketId\":\"t-1\",\"priority\":\"P3\",\"queue\":\"service-desk\",\"matrixVersion\":1,"
                + "\"decidedAt\":\"2026-11-02T08:15:30Z\"}";
        TicketPrioritized read = EventJson.fromBytes(older.getBytes(java.nio.charset.StandardCharsets.UTF_8), TicketPrioritized.class);
        assertEquals(0, read.rank());
        assertEquals(null, read.slaPolicy());
        assertEquals(Priority.P3, read.priority());
    }

    /** Every field of {@code expected} is in {@code actual} with the same value (actual may have more). */
    private static void assertContains(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            assertTrue(actual.isObject(), path + " is no longer an object");
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                JsonNode value = actual.get(field.getKey());
                assertNotNull(value, "field lost on the way through the record: " + path + "/" + field.getKey());
                assertContains(field.getValue(), value, path + "/" + field.getKey());
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), path + " changed its length");
            for (int i = 0; i < expected.size(); i++) {
                assertContains(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber()) {
            assertEquals(expected.decimalValue().compareTo(actual.decimalValue()), 0, path + " changed value");
        } else {
            assertEquals(expected, actual, path + " changed value");
        }
    }

    private static EventType typeOf(Path sample) {
        String name = sample.getFileName().toString().replace(".json", "");
        return EventType.fromCeType(EventType.TYPE_PREFIX + name)
                .orElseThrow(() -> new AssertionError("sample for an unknown event: " + sample));
    }

    private static List<Path> samples() {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(samplesRoot())) {
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(all::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertFalse(all.isEmpty(), "no samples found");
        return all;
    }

    private static int newestVersion() {
        try (Stream<Path> dirs = Files.list(samplesRoot())) {
            return dirs.map(d -> d.getFileName().toString())
                    .filter(n -> n.matches("v\\d+"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1)))
                    .max().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path samplesRoot() {
        URL root = EventSamplesCompatibilityTest.class.getResource("/samples");
        assertNotNull(root, "samples folder missing from test resources");
        try {
            return Paths.get(root.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
