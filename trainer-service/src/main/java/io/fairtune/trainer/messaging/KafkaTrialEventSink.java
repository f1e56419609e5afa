package io.fairtune.trainer.messaging;

import io.fairtune.model.events.EventCodec;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.trainer.domain.TrialEventSink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Progress (started, progress, failed) and predictions, keyed by trial id so a trial stays on one partition. */
@ApplicationScoped
public class KafkaTrialEventSink implements TrialEventSink {

    private final Emitter<String> progress;
    private final Emitter<String> predicted;

    public KafkaTrialEventSink(@Channel(Channels.PROGRESS_OUT) Emitter<String> progress,
                               @Channel(Channels.PREDICTED_OUT) Emitter<String> predicted) {
        this.progress = progress;
        this.predicted = predicted;
    }

    @Override
    public CompletionStage<Void> progress(TrialEvent event) {
        return KafkaSender.send(progress, event.key(), EventCodec.encode(event));
    }

    @Override
    public CompletionStage<Void> predicted(TrialEvent event) {
        return KafkaSender.send(predicted, event.key(), EventCodec.encode(event));
    }
}
