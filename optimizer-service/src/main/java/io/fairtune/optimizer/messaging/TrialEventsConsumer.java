package io.fairtune.optimizer.messaging;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.MalformedEventException;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.optimizer.domain.StudyEngine;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Trainer and evaluator events. Anything that cannot be decoded, or is the wrong type for its topic, goes
 * to the dead-letter topic and the consumer moves on; valid events are applied idempotently by the engine.
 */
@ApplicationScoped
public class TrialEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TrialEventsConsumer.class);

    @Inject
    StudyEngine engine;

    @Inject
    TrialPublisher publisher;

    @Incoming(Channels.PROGRESS_IN)
    @Blocking
    public void onProgress(ConsumerRecord<String, String> record) {
        handle(record, true);
    }

    @Incoming(Channels.SCORED_IN)
    @Blocking
    public void onScored(ConsumerRecord<String, String> record) {
        handle(record, false);
    }

    private void handle(ConsumerRecord<String, String> record, boolean progressTopic) {
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
        try {
            if (progressTopic && event instanceof TrialStarted s) {
                engine.onStarted(s);
            } else if (progressTopic && event instanceof TrialProgress p) {
                engine.onProgress(p);
            } else if (!progressTopic && event instanceof TrialScored s) {
                engine.onScored(s);
            } else if (event instanceof TrialFailed f) {
                engine.onFailed(f);
            } else {
                publisher.deadLetter(record.topic(), record.key(), record.value(),
                        event.getClass().getSimpleName() + " does not belong on " + record.topic());
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not apply %s of trial %s", event.getClass().getSimpleName(), event.trialId());
            publisher.deadLetter(record.topic(), record.key(), record.value(), "not applied: " + e);
        }
    }
}
