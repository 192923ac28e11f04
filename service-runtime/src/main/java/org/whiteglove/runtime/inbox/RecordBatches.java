package org.whiteglove.runtime.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.header.Header;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.EventType;
import org.whiteglove.events.WhitegloveEvent;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A poll's batch handled in one transaction, in partition order. If the batch fails it is retried record
 * by record, and a record that still fails (or cannot be read) goes to the consumer's dead-letter topic
 * while the rest go on. SmallRye's own dead-letter strategy would set aside the whole batch for one bad
 * record, so it stays configured only as the last resort.
 */
public final class RecordBatches {

    /** An event as read from its topic. */
    public record Received(CloudEventHeaders headers, WhitegloveEvent event) {
    }

    private RecordBatches() {
    }

    public static void handle(String consumer, ConsumerRecords<String, byte[]> records, Set<String> topicsOfEvents,
                              Consumer<List<Received>> handler, DeadLetters deadLetters) {
        handle(consumer, (Iterable<ConsumerRecord<String, byte[]>>) records, topicsOfEvents, handler, deadLetters);
    }

    /**
     * As above, but records of a contract event type the consumer does not act on are passed over unread: no
     * parsing, no inbox row, and a batch of nothing else costs no transaction. Only a well-formed type of that
     * topic is passed over; a missing, unknown or misplaced type is read as before (and so set aside as a dead letter).
     */
    public static void handle(String consumer, ConsumerRecords<String, byte[]> records, Set<String> topicsOfEvents,
                              Set<EventType> actedOn, Consumer<List<Received>> handler, DeadLetters deadLetters) {
        List<ConsumerRecord<String, byte[]>> wanted = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            if (!passedOver(record, actedOn)) {
                wanted.add(record);
            }
        }
        handle(consumer, wanted, topicsOfEvents, handler, deadLetters);
    }

    private static boolean passedOver(ConsumerRecord<String, byte[]> record, Set<EventType> actedOn) {
        Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
        if (type == null) {
            return false;
        }
        return EventType.fromCeType(new String(type.value(), StandardCharsets.UTF_8))
                .filter(t -> !actedOn.contains(t) && t.topic().equals(record.topic()))
                .isPresent();
    }

    /** For records a consumer has filtered first (e.g. without the tombstones of a compacted topic). */
    public static void handle(String consumer, Iterable<ConsumerRecord<String, byte[]>> records, Set<String> topicsOfEvents,
                              Consumer<List<Received>> handler, DeadLetters deadLetters) {
        List<Received> batch = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                batch.add(read(record, topicsOfEvents));
                sources.add(record);
            } catch (RuntimeException unreadable) {
                deadLetters.send(consumer, record, unreadable);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            handler.accept(batch);
        } catch (RuntimeException batchFailed) {
            for (int i = 0; i < batch.size(); i++) {
                handleOne(consumer, batch.get(i), sources.get(i), handler, deadLetters);
            }
        }
    }

    /**
     * One record in its own transaction. A deadlock or serialization failure (SQLSTATE class 40) says nothing
     * about the record: it is tried again, twice, before the record is set aside as a dead letter.
     */
    private static void handleOne(String consumer, Received received, ConsumerRecord<String, byte[]> source,
                                  Consumer<List<Received>> handler, DeadLetters deadLetters) {
        for (int attempt = 1; ; attempt++) {
            try {
                handler.accept(List.of(received));
                return;
            } catch (RuntimeException e) {
                if (attempt >= 3 || !rolledBackByTheDatabase(e)) {
                    deadLetters.send(consumer, source, e);
                    return;
                }
                try {
                    Thread.sleep(50L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    deadLetters.send(consumer, source, e);
                    return;
                }
            }
        }
    }

    static boolean rolledBackByTheDatabase(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return true;
            }
        }
        return false;
    }

    /** Reads a record's CloudEvent; it must be an event that belongs on one of {@code topicsOfEvents}. */
    public static Received read(ConsumerRecord<String, byte[]> record, Set<String> topicsOfEvents) {
        CloudEventHeaders headers = ReceivedRecords.cloudEvent(record);
        if (record.value() == null) {
            throw new EventJson.MalformedEventException("an event without a value on " + record.topic(), null);
        }
        WhitegloveEvent event = EventJson.fromBytes(headers.type(), record.value());
        if (!topicsOfEvents.contains(org.whiteglove.events.EventType.of(event).topic())) {
            throw new EventJson.MalformedEventException(headers.type() + " does not belong on " + record.topic(), null);
        }
        return new Received(headers, event);
    }
}
