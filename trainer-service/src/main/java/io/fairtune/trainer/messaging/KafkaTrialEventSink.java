package io.fairtune.trainer.messaging;

import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.messaging.OutboundRecord;
import io.fairtune.model.messaging.Publisher;
import io.fairtune.trainer.domain.TrainerSettings;
import io.fairtune.trainer.domain.TrialEventSink;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Progress (started, progress, failed) and predictions, keyed by trial id so a trial stays on one partition. */
@ApplicationScoped
public class KafkaTrialEventSink implements TrialEventSink {

    private final Publisher progress;
    private final Publisher predicted;

    public KafkaTrialEventSink(@Channel(Channels.PROGRESS_OUT) MutinyEmitter<ProducerRecord<String, String>> progress,
                               @Channel(Channels.PREDICTED_OUT) MutinyEmitter<ProducerRecord<String, String>> predicted,
                               TrainerSettings settings) {
        this.progress = publisher(progress, settings.topics().progress(), settings);
        this.predicted = publisher(predicted, settings.topics().predicted(), settings);
    }

    /** The emitter completes a send when the broker acknowledged it; the dead-letter channel is sent the same way. */
    static Publisher publisher(MutinyEmitter<ProducerRecord<String, String>> channel, String topic,
                               TrainerSettings settings) {
        return new Publisher(r -> channel.send(r.toProducerRecord(topic)).subscribeAsCompletionStage(),
                settings.publishTimeout());
    }

    @Override
    public CompletionStage<Void> progress(TrialEvent event) {
        return progress.send(OutboundRecord.of(event));
    }

    @Override
    public CompletionStage<Void> predicted(TrialEvent event) {
        return predicted.send(OutboundRecord.of(event));
    }
}
