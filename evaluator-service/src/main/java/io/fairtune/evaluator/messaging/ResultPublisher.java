package io.fairtune.evaluator.messaging;

import io.fairtune.evaluator.metrics.EvaluatorMetrics;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends and waits for the broker's acknowledgement: the incoming record is acknowledged (and its offset
 * committed) only after this returns, so a crash before it leads to redelivery, never to a lost result.
 */
@ApplicationScoped
public class ResultPublisher {

    public static final String HEADER_SOURCE_TOPIC = "fairtune-source-topic";
    public static final String HEADER_ERROR = "fairtune-error";

    @Inject
    @Channel(Channels.SCORED_OUT)
    MutinyEmitter<String> scored;

    @Inject
    @Channel(Channels.DLQ_OUT)
    MutinyEmitter<String> deadLetters;

    @Inject
    EvaluatorMetrics metrics;

    /** TrialScored or TrialFailed, keyed by trial id. */
    public void publishResult(TrialEvent event) {
        send(scored, event.key(), EventCodec.encode(event), null);
    }

    public void deadLetter(String sourceTopic, String key, String payload, String error) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(HEADER_SOURCE_TOPIC, String.valueOf(sourceTopic).getBytes(StandardCharsets.UTF_8));
        headers.add(HEADER_ERROR, String.valueOf(error).getBytes(StandardCharsets.UTF_8));
        send(deadLetters, key, payload == null ? "" : payload, headers);
        metrics.deadLetter(sourceTopic);
    }

    private static void send(MutinyEmitter<String> emitter, String key, String payload, RecordHeaders headers) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> meta =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (headers != null) {
            meta = meta.withHeaders(headers);
        }
        emitter.sendMessageAndAwait(Message.of(payload).addMetadata(meta.build()));
    }
}
