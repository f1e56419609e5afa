package io.fairtune.optimizer.messaging;

import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.model.messaging.EventIntake;
import io.fairtune.model.messaging.InboundRecord;
import io.fairtune.optimizer.domain.TrialEventHandler;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Trainer and evaluator events. Anything that cannot be decoded, or is the wrong type for its topic, goes
 * to the dead-letter topic and the consumer moves on; valid events are applied idempotently by the domain.
 */
@ApplicationScoped
public class TrialEventsConsumer {

    private static final Logger LOG = Logger.getLogger(TrialEventsConsumer.class);
    private static final EventIntake PROGRESS = new EventIntake(TrialStarted.class, TrialProgress.class,
            TrialFailed.class);
    private static final EventIntake SCORES = new EventIntake(TrialScored.class, TrialFailed.class);

    @Inject
    TrialEventHandler handler;

    @Inject
    KafkaProposalOutbox outbox;

    @Incoming(Channels.PROGRESS_IN)
    @Blocking
    public void onProgress(ConsumerRecord<String, String> record) {
        PROGRESS.consume(inbound(record), this::apply, "not applied", this::deadLetter);
    }

    @Incoming(Channels.SCORED_IN)
    @Blocking
    public void onScored(ConsumerRecord<String, String> record) {
        SCORES.consume(inbound(record), this::apply, "not applied", this::deadLetter);
    }

    private void apply(TrialEvent event) {
        if (event instanceof TrialStarted s) {
            handler.onStarted(s);
        } else if (event instanceof TrialProgress p) {
            handler.onProgress(p);
        } else if (event instanceof TrialScored s) {
            handler.onScored(s);
        } else if (event instanceof TrialFailed f) {
            handler.onFailed(f);
        }
    }

    private static InboundRecord inbound(ConsumerRecord<String, String> record) {
        return new InboundRecord(record.topic(), record.key(), record.value());
    }

    private void deadLetter(InboundRecord record, String reason, Throwable cause) {
        LOG.warnf(cause, "dead-lettering a message from %s: %s", record.topic(), reason);
        outbox.deadLetter(record, reason);
    }
}
