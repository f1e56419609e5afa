package io.fairtune.trainer.messaging;

import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.messaging.EventIntake;
import io.fairtune.model.messaging.InboundRecord;
import io.fairtune.trainer.domain.TrainerSettings;
import io.fairtune.trainer.domain.TrialCancellations;
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

    private static final EventIntake CONTROL = new EventIntake(TrialCancelled.class);

    private final TrialCancellations cancellations;
    private final DeadLetters deadLetters;
    private final String controlTopic;

    public ControlConsumer(TrialCancellations cancellations, DeadLetters deadLetters, TrainerSettings settings) {
        this.cancellations = cancellations;
        this.deadLetters = deadLetters;
        this.controlTopic = settings.topics().control();
    }

    @Incoming(Channels.CONTROL_IN)
    public CompletionStage<Void> onControl(Message<String> message) {
        InboundRecord record = DeadLetters.inbound(message, controlTopic);
        EventIntake.Decoded decoded = CONTROL.decode(record);
        if (decoded instanceof EventIntake.Refused refused) {
            return deadLetters.send(record, refused.reason()).thenCompose(v -> message.ack());
        }
        cancellations.cancel(((EventIntake.Accepted) decoded).event().attemptKey());
        return message.ack();
    }
}
