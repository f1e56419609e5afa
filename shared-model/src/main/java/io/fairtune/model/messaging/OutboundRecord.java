package io.fairtune.model.messaging;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A record to publish: key, payload, headers (UTF-8 text) and the partition, or {@link #KEY_DECIDES} to let the
 * key choose it.
 */
public record OutboundRecord(String key, String payload, Map<String, String> headers, int partition) {

    public static final int KEY_DECIDES = -1;

    public OutboundRecord {
        headers = Map.copyOf(headers);
    }

    /** An event keyed by its trial, so that all events of one trial stay on one partition, in order. */
    public static OutboundRecord of(TrialEvent event) {
        return new OutboundRecord(event.key(), EventCodec.encode(event), Map.of(), KEY_DECIDES);
    }

    public OutboundRecord toPartition(int chosen) {
        return new OutboundRecord(key, payload, headers, chosen);
    }

    /** The Kafka record for {@code topic}; a messaging client (SmallRye's emitters among them) sends it as it is. */
    public ProducerRecord<String, String> toProducerRecord(String topic) {
        List<Header> kafkaHeaders = headers.entrySet().stream()
                .map(h -> (Header) new RecordHeader(h.getKey(), h.getValue().getBytes(StandardCharsets.UTF_8)))
                .toList();
        return new ProducerRecord<>(topic, partition == KEY_DECIDES ? null : partition, key, payload, kafkaHeaders);
    }
}
