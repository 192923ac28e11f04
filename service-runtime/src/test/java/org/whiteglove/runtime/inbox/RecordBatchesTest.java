package org.whiteglove.runtime.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;
import org.whiteglove.events.CloudEventHeaders;
import org.whiteglove.events.EventJson;
import org.whiteglove.events.EventType;
import org.whiteglove.events.Priority;
import org.whiteglove.events.SlaBreached;
import org.whiteglove.events.SlaClockKind;
import org.whiteglove.events.Topics;
import org.whiteglove.events.WhitegloveEvent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecordBatchesTest {

    private static final byte[] NOT_JSON = "{not json at all".getBytes(StandardCharsets.UTF_8);

    /** Dead letters kept in a list instead of sent (the producer is never asked to connect). */
    private static final class Kept extends DeadLetters {
        final List<Long> offsets = new ArrayList<>();

        Kept() {
            super("127.0.0.1:1");
        }

        @Override
        public void send(String consumer, ConsumerRecord<String, byte[]> record, Throwable reason) {
            offsets.add(record.offset());
        }
    }

    @Test
    void a_type_the_consumer_does_not_act_on_is_passed_over_unread_and_anything_unreadable_is_still_set_aside() {
        SlaBreached breach = new SlaBreached("t-1", SlaClockKind.RESPONSE, Instant.parse("2026-12-06T10:00:00Z"), 1,
                Instant.parse("2026-12-06T10:00:01Z"), Priority.P3, null, "service-desk");
        List<ConsumerRecord<String, byte[]>> records = List.of(
                record(0, "org.whiteglove.SlaStarted", NOT_JSON),         // passed over: never parsed, so never a dead letter
                record(1, EventType.SLA_BREACHED.ceType(), EventJson.toBytes(breach)),
                record(2, EventType.SLA_BREACHED.ceType(), NOT_JSON),     // acted on and unreadable: dead letter
                record(3, "org.whiteglove.NoSuchEvent", NOT_JSON),        // unknown type: dead letter
                record(4, EventType.TICKET_OPENED.ceType(), NOT_JSON),    // not an event of this topic: dead letter
                record(5, null, NOT_JSON));                               // no type at all: dead letter
        Kept deadLetters = new Kept();
        List<WhitegloveEvent> handled = new ArrayList<>();

        RecordBatches.handle("test", new ConsumerRecords<>(Map.of(new TopicPartition(Topics.SLA_EVENTS, 0), records)),
                Set.of(Topics.SLA_EVENTS), EnumSet.of(EventType.SLA_BREACHED),
                batch -> batch.forEach(r -> handled.add(r.event())), deadLetters);

        assertEquals(List.of(breach), handled);
        assertEquals(List.of(2L, 3L, 4L, 5L), deadLetters.offsets);
    }

    @Test
    void a_batch_of_nothing_but_passed_over_types_never_reaches_the_handler() {
        List<ConsumerRecord<String, byte[]>> records = List.of(record(0, "org.whiteglove.SlaStarted", NOT_JSON),
                record(1, "org.whiteglove.SlaMet", NOT_JSON));
        List<List<RecordBatches.Received>> calls = new ArrayList<>();

        RecordBatches.handle("test", new ConsumerRecords<>(Map.of(new TopicPartition(Topics.SLA_EVENTS, 0), records)),
                Set.of(Topics.SLA_EVENTS), EnumSet.of(EventType.SLA_BREACHED), calls::add, new Kept());

        assertEquals(List.of(), calls, "no handler call, so no transaction");
    }

    private static ConsumerRecord<String, byte[]> record(long offset, String ceType, byte[] value) {
        ConsumerRecord<String, byte[]> r = new ConsumerRecord<>(Topics.SLA_EVENTS, 0, offset, "t-1", value);
        r.headers().add(new RecordHeader(CloudEventHeaders.ID, ("id-" + offset).getBytes(StandardCharsets.UTF_8)));
        if (ceType != null) {
            r.headers().add(new RecordHeader(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8)));
        }
        r.headers().add(new RecordHeader(CloudEventHeaders.SOURCE, "/test".getBytes(StandardCharsets.UTF_8)));
        r.headers().add(new RecordHeader(CloudEventHeaders.TIME, "2026-12-06T10:00:01Z".getBytes(StandardCharsets.UTF_8)));
        return r;
    }
}
