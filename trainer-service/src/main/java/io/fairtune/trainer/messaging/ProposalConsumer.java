package io.fairtune.trainer.messaging;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.MalformedEventException;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.trainer.domain.EventPublishException;
import io.fairtune.trainer.domain.TrialRunner;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
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

    private final TrialRunner runner;
    private final KafkaTrialEventSink sink;
    private final DeadLetters deadLetters;

    public ProposalConsumer(TrialRunner runner, KafkaTrialEventSink sink, DeadLetters deadLetters) {
        this.runner = runner;
        this.sink = sink;
        this.deadLetters = deadLetters;
    }

    // a dedicated one-thread pool: a trial holds it for minutes to hours without starving Quarkus' workers
    @Incoming(Channels.PROPOSED_IN)
    @Blocking(value = "trainer-worker", ordered = true)
    public CompletionStage<Void> onProposal(Message<String> message) {
        String payload = message.getPayload();
        TrialProposed proposal;
        try {
            proposal = EventCodec.decode(payload, TrialProposed.class);
        } catch (MalformedEventException e) {
            String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(IncomingKafkaRecordMetadata::getTopic).orElse("fairtune.trials.proposed");
            Object key = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(IncomingKafkaRecordMetadata::getKey).orElse(null);
            return deadLetters.send(topic, key == null ? null : key.toString(), payload, e.getMessage())
                    .thenCompose(v -> message.ack());
        }
        try {
            TrialRunner.Outcome outcome = runner.run(proposal, sink);
            LOG.infof("attempt %s: %s", proposal.attemptKey(), outcome);
            return message.ack();
        } catch (EventPublishException e) {
            LOG.errorf(e, "attempt %s: results could not be published; not acknowledging", proposal.attemptKey());
            return message.nack(e);
        }
    }
}
