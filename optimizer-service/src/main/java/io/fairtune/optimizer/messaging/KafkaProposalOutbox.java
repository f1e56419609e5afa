package io.fairtune.optimizer.messaging;

import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.messaging.InboundRecord;
import io.fairtune.model.messaging.OutboundRecord;
import io.fairtune.model.messaging.Publisher;
import io.fairtune.model.messaging.TopicSettings;
import io.fairtune.optimizer.config.OptimizerSettings;
import io.fairtune.optimizer.domain.ProposalOutbox;
import io.fairtune.optimizer.metrics.OptimizerMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Sends and waits for the broker's acknowledgement, so a trial is marked published only once Kafka has it
 * (a crash in between re-publishes it on restart; consumers dedupe on (trialId, attempt)).
 */
@ApplicationScoped
public class KafkaProposalOutbox implements ProposalOutbox {

    private final Publisher proposed;
    private final Publisher control;
    private final Publisher deadLetters;
    private final OptimizerMetrics metrics;
    private final TrainerGroup trainers;

    public KafkaProposalOutbox(@Channel(Channels.PROPOSED_OUT) MutinyEmitter<ProducerRecord<String, String>> proposed,
                               @Channel(Channels.CONTROL_OUT) MutinyEmitter<ProducerRecord<String, String>> control,
                               @Channel(Channels.DLQ_OUT) MutinyEmitter<ProducerRecord<String, String>> deadLetters,
                               OptimizerMetrics metrics, TrainerGroup trainers, OptimizerSettings settings) {
        TopicSettings topics = settings.topics();
        this.proposed = publisher(proposed, topics.proposed(), settings.publishTimeout());
        this.control = publisher(control, topics.control(), settings.publishTimeout());
        this.deadLetters = publisher(deadLetters, topics.dlq(), settings.publishTimeout());
        this.metrics = metrics;
        this.trainers = trainers;
    }

    /** The emitter completes a send when the broker acknowledged it. */
    private static Publisher publisher(MutinyEmitter<ProducerRecord<String, String>> channel, String topic,
                                       Duration timeout) {
        return new Publisher(r -> channel.send(r.toProducerRecord(topic)).subscribeAsCompletionStage(), timeout);
    }

    /**
     * The trainers' assignment is read once per batch and each proposal sent adds to the load, so a batch
     * spreads over the trainers ({@link LeastLoadedPartition}) without asking the broker again per proposal.
     */
    @Override
    public void propose(List<TrialProposed> proposals, Map<Integer, Long> onTrainers,
                        BiConsumer<TrialProposed, Integer> published) {
        List<Set<Integer>> partitionsPerTrainer = trainers.partitionsPerTrainer();
        Map<Integer, Long> load = new HashMap<>(onTrainers);
        for (TrialProposed p : proposals) {
            OptionalInt partition = LeastLoadedPartition.choose(partitionsPerTrainer, load);
            OutboundRecord record = OutboundRecord.of(p);
            proposed.sendAndWait(partition.isPresent() ? record.toPartition(partition.getAsInt()) : record);
            metrics.proposed();
            partition.ifPresent(chosen -> load.merge(chosen, 1L, Long::sum));
            published.accept(p, partition.isPresent() ? partition.getAsInt() : null);
        }
    }

    @Override
    public void cancel(TrialCancelled event) {
        control.sendAndWait(OutboundRecord.of(event));
    }

    public void deadLetter(InboundRecord record, String error) {
        deadLetters.sendAndWait(record.deadLetter(error));
        metrics.deadLetter(record.topic());
    }
}
