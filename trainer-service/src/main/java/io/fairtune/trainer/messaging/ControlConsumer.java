package io.fairtune.trainer.messaging;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.MalformedEventException;
import io.fairtune.model.events.TrialCancelled;
import io.fairtune.trainer.domain.TrialCancellations;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Cancellations are broadcast: every pod reads the whole control topic with its own consumer group, and the
 * pod training (or holding) the attempt stops it between two steps.
 */
@ApplicationScoped
public class ControlConsumer {

    private final TrialCancellations cancellations;
    private final DeadLetters deadLetters;

    public ControlConsumer(TrialCancellations cancellations, DeadLetters deadLetters) {
        this.cancellations = cancellations;
        this.deadLetters = deadLetters;
    }

    @Incoming(Channels.CONTROL_IN)
    public CompletionStage<Void> onControl(Message<String> message) {
        try {
            TrialCancelled cancelled = EventCodec.decode(message.getPayload(), TrialCancelled.class);
            cancellations.cancel(cancelled.attemptKey());
            return message.ack();
        } catch (MalformedEventException e) {
            String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .map(IncomingKafkaRecordMetadata::getTopic).orElse("fairtune.trials.control");
            return deadLetters.send(topic, null, message.getPayload(), e.getMessage()).thenCompose(v -> message.ack());
        }
    }
}
