package org.whiteglove.runtime.inbox;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.whiteglove.events.CloudEventHeaders;

/** What consumers read from every record they receive. */
public final class ReceivedRecords {

    private ReceivedRecords() {
    }

    /** The record's CloudEvents attributes; malformed or missing ones throw EventJson.MalformedEventException. */
    public static CloudEventHeaders cloudEvent(ConsumerRecord<?, ?> record) {
        return CloudEventHeaders.fromKafkaHeaders(name -> {
            var header = record.headers().lastHeader(name);
            return header == null ? null : header.value();
        });
    }
}
