package io.fairtune.evaluator.messaging;

import io.fairtune.evaluator.config.EvaluatorSettings;
import io.fairtune.evaluator.domain.ResultSink;
import io.fairtune.evaluator.metrics.EvaluatorMetrics;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.messaging.InboundRecord;
import io.fairtune.model.messaging.OutboundRecord;
import io.fairtune.model.messaging.Publisher;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * Sends and waits for the broker's acknowledgement: the incoming record is acknowledged (and its offset
 * committed) only after this returns, so a crash before it leads to redelivery, never to a lost result.
 */
@ApplicationScoped
public class ResultPublisher implements ResultSink {

    private final Publisher scored;
    private final Publisher deadLetters;
    private final EvaluatorMetrics metrics;

    public ResultPublisher(@Channel(Channels.SCORED_OUT) MutinyEmitter<ProducerRecord<String, String>> scored,
                           @Channel(Channels.DLQ_OUT) MutinyEmitter<ProducerRecord<String, String>> deadLetters,
                           EvaluatorMetrics metrics, EvaluatorSettings settings) {
        this.scored = publisher(scored, settings.topics().scored(), settings);
        this.deadLetters = publisher(deadLetters, settings.topics().dlq(), settings);
        this.metrics = metrics;
    }

    /** The emitter completes a send when the broker acknowledged it. */
    private static Publisher publisher(MutinyEmitter<ProducerRecord<String, String>> channel, String topic,
                                       EvaluatorSettings settings) {
        return new Publisher(r -> channel.send(r.toProducerRecord(topic)).subscribeAsCompletionStage(),
                settings.publishTimeout());
    }

    /** TrialScored or TrialFailed, keyed by trial id. */
    @Override
    public void publishResult(TrialEvent event) {
        scored.sendAndWait(OutboundRecord.of(event));
    }

    public void deadLetter(InboundRecord record, String error) {
        deadLetters.sendAndWait(record.deadLetter(error));
        metrics.deadLetter(record.topic());
    }
}
