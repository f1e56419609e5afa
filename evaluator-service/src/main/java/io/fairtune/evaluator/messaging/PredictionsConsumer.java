package io.fairtune.evaluator.messaging;

import io.fairtune.evaluator.domain.EvaluationService;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.messaging.EventIntake;
import io.fairtune.model.messaging.InboundRecord;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * TrialPredicted in. The record is acknowledged when this method returns, i.e. after the result is persisted
 * and on the broker. A database or broker outage holds it here, retried until it passes (EventIntake); a
 * message that cannot be decoded, or whose evaluation keeps failing otherwise, goes to the dead-letter topic
 * with the reason, and consumption continues.
 */
@ApplicationScoped
public class PredictionsConsumer {

    private static final Logger LOG = Logger.getLogger(PredictionsConsumer.class);
    private static final EventIntake PREDICTIONS = new EventIntake(TrialPredicted.class);

    @Inject
    EvaluationService evaluations;

    @Inject
    ResultPublisher publisher;

    @Incoming(Channels.PREDICTED_IN)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        PREDICTIONS.consume(new InboundRecord(record.topic(), record.key(), record.value()),
                event -> evaluations.handle((TrialPredicted) event), "not evaluated", (in, reason, cause) -> {
                    LOG.warnf(cause, "dead-lettering a message from %s: %s", in.topic(), reason);
                    publisher.deadLetter(in, reason);
                });
    }
}
