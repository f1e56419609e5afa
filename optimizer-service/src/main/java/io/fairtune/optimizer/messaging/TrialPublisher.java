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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
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
     * Starts a batch of proposals: the trainers' assignment is read once and each proposal sent adds to the load,
     * so a batch spreads over the trainers without asking the broker and the database again per proposal.
     *
     * @param inFlightByPartition trials in flight per proposals partition before this batch
     */
    public Proposals proposals(Map<Integer, Long> inFlightByPartition) {
        return new Proposals(trainers.partitionsPerTrainer(), new HashMap<>(inFlightByPartition));
    }

    /** One batch of proposals, routed to the least-busy trainer ({@link LeastLoadedPartition}). */
    public final class Proposals {

        private final List<Set<Integer>> partitionsPerTrainer;
        private final Map<Integer, Long> inFlight;

        private Proposals(List<Set<Integer>> partitionsPerTrainer, Map<Integer, Long> inFlight) {
            this.partitionsPerTrainer = partitionsPerTrainer;
            this.inFlight = inFlight;
        }

        /** Publishes and returns the partition chosen; null when no trainer is known and the key decided. */
        public Integer send(TrialProposed event) {
            OptionalInt partition = LeastLoadedPartition.choose(partitionsPerTrainer, inFlight);
            TrialPublisher.send(proposed, event.key(), EventCodec.encode(event), null, partition);
            metrics.proposed();
            if (partition.isEmpty()) {
                return null;
            }
            inFlight.merge(partition.getAsInt(), 1L, Long::sum);
            return partition.getAsInt();
        }
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
