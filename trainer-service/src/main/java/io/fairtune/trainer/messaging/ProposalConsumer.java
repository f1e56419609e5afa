package io.fairtune.trainer.messaging;

import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.messaging.EventIntake;
import io.fairtune.model.messaging.InboundRecord;
import io.fairtune.trainer.domain.EventPublishException;
import io.fairtune.trainer.domain.TrainerSettings;
import io.fairtune.trainer.domain.TrialRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Takes one proposal at a time (consumer group {@code trainers}; scaling = more pods) and acknowledges it only
 * after its TrialPredicted (or TrialFailed) was acknowledged by the broker: the offset is committed after the
 * result exists, so a pod dying mid-trial leaves the proposal to be redelivered. A proposal whose events cannot
 * be published is nacked, which fails the channel (health goes down, the pod restarts, the proposal returns).
 */
@ApplicationScoped
public class ProposalConsumer {

    private static final Logger LOG = Logger.getLogger(ProposalConsumer.class);

    private static final EventIntake PROPOSALS = new EventIntake(TrialProposed.class);

    private final TrialRunner runner;
    private final KafkaTrialEventSink sink;
    private final DeadLetters deadLetters;
    private final String proposalsTopic;
    private final ProposalsInFlight inFlight;

    public ProposalConsumer(TrialRunner runner, KafkaTrialEventSink sink, DeadLetters deadLetters,
                            TrainerSettings settings, ProposalsInFlight inFlight) {
        this.runner = runner;
        this.sink = sink;
        this.deadLetters = deadLetters;
        this.proposalsTopic = settings.topics().proposed();
        this.inFlight = inFlight;
    }

    // a dedicated one-thread pool: a trial holds it for minutes to hours without starving Quarkus' workers
    @Incoming(Channels.PROPOSED_IN)
    @Blocking(value = "trainer-worker", ordered = true)
    public CompletionStage<Void> onProposal(Message<String> message) {
        InboundRecord record = DeadLetters.inbound(message, proposalsTopic);
        EventIntake.Decoded decoded = PROPOSALS.decode(record);
        if (decoded instanceof EventIntake.Refused refused) {
            return deadLetters.send(record, refused.reason()).thenCompose(v -> message.ack());
        }
        TrialProposed proposal = (TrialProposed) ((EventIntake.Accepted) decoded).event();
        if (!inFlight.takesWork()) {
            // stopping: never acknowledged, so it is redelivered to a trainer that stays
            return new CompletableFuture<>();
        }
        TopicPartition partition = partitionOf(message);
        inFlight.taken(partition, offsetOf(message));
        try {
            TrialRunner.Outcome outcome = runner.run(proposal, sink);
            LOG.infof("attempt %s: %s", proposal.attemptKey(), outcome);
            if (outcome == TrialRunner.Outcome.HANDED_BACK) {
                inFlight.done(partition);
                return new CompletableFuture<>(); // never acknowledged: redelivered to a trainer that stays
            }
            return message.ack().whenComplete((v, e) -> inFlight.done(partition));
        } catch (EventPublishException e) {
            inFlight.done(partition);
            LOG.errorf(e, "attempt %s: results could not be published; not acknowledging", proposal.attemptKey());
            return message.nack(e);
        }
    }

    private static TopicPartition partitionOf(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> m = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow();
        return new TopicPartition(m.getTopic(), m.getPartition());
    }

    private static long offsetOf(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getOffset();
    }
}
