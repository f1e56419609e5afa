package io.fairtune.evaluator.messaging;

import io.fairtune.evaluator.domain.EvaluationService;
import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.MalformedEventException;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialPredicted;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * TrialPredicted in. The record is acknowledged when this method returns, i.e. after the result is persisted
 * and on the broker. Nothing here throws: a message that cannot be decoded, or whose handling fails
 * unexpectedly (database down), goes to the dead-letter topic with the reason, and consumption continues.
 */
@ApplicationScoped
public class PredictionsConsumer {

    private static final Logger LOG = Logger.getLogger(PredictionsConsumer.class);

    @Inject
    EvaluationService evaluations;

    @Inject
    ResultPublisher publisher;

    @Incoming(Channels.PREDICTED_IN)
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        TrialEvent event;
        try {
            event = EventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            LOG.warnf("dead-lettering a malformed message from %s: %s", record.topic(), e.getMessage());
            publisher.deadLetter(record.topic(), record.key(), record.value(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            // a codec bug must not stop the channel: an exception escaping here would fail the stream
            LOG.warnf(e, "dead-lettering a message from %s that could not be decoded", record.topic());
            publisher.deadLetter(record.topic(), record.key(), record.value(), "not decodable: " + e);
            return;
        }
        if (!(event instanceof TrialPredicted)) {
            publisher.deadLetter(record.topic(), record.key(), record.value(),
                    event.getClass().getSimpleName() + " does not belong on " + record.topic());
            return;
        }
        try {
            evaluations.handle((TrialPredicted) event);
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not evaluate attempt %s", event.attemptKey());
            publisher.deadLetter(record.topic(), record.key(), record.value(), "not evaluated: " + e);
        }
    }
}
