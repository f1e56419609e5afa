package io.fairtune.optimizer.messaging;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.optimizer.metrics.OptimizerMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Sends and waits for the broker's acknowledgement, so a trial is marked published only once Kafka has it
 * (a crash in between re-publishes it on restart; consumers dedupe on (trialId, attempt)).
 */
@ApplicationScoped
public class TrialPublisher {

    @Inject
    @Channel(Channels.PROPOSED_OUT)
    MutinyEmitter<String> proposed;

    @Inject
    @Channel(Channels.CONTROL_OUT)
    MutinyEmitter<String> control;

    @Inject
    @Channel(Channels.DLQ_OUT)
    MutinyEmitter<String> deadLetters;

    @Inject
    OptimizerMetrics metrics;

    @Inject
    TrainerGroup trainers;

    /**
     * Publishes to the partition of the least-busy trainer ({@link LeastLoadedPartition}), or by key when no
     * trainer is known, and returns the partition chosen (null = by key).
     *
     * @param inFlightByPartition trials in flight per proposals partition, this one excluded
     */
    public Integer propose(TrialProposed event, Map<Integer, Long> inFlightByPartition) {
        OptionalInt partition = LeastLoadedPartition.choose(trainers.partitionsPerTrainer(), inFlightByPartition);
        send(proposed, event.key(), EventCodec.encode(event), null, partition);
        metrics.proposed();
        return partition.isPresent() ? partition.getAsInt() : null;
    }

    public void cancel(TrialCancelled event) {
        send(control, event.key(), EventCodec.encode(event), null, OptionalInt.empty());
    }

    public void deadLetter(String sourceTopic, String key, String payload, String error) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("fairtune-source-topic", sourceTopic.getBytes(StandardCharsets.UTF_8));
        headers.add("fairtune-error", String.valueOf(error).getBytes(StandardCharsets.UTF_8));
        send(deadLetters, key, payload == null ? "" : payload, headers, OptionalInt.empty());
        metrics.deadLetter(sourceTopic);
    }

    private static void send(MutinyEmitter<String> emitter, String key, String payload, RecordHeaders headers,
                             OptionalInt partition) {
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> meta =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (headers != null) {
            meta = meta.withHeaders(headers);
        }
        if (partition.isPresent()) {
            meta = meta.withPartition(partition.getAsInt());
        }
        emitter.sendMessageAndAwait(Message.of(payload).addMetadata(meta.build()));
    }
}
