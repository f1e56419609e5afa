package io.fairtune.trainer.messaging;

import io.fairtune.model.events.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import io.fairtune.trainer.metrics.TrainerMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/** Messages no trainer can ever understand: kept on the DLQ for a human, counted, and skipped. */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Emitter<String> dlq;
    private final TrainerMetrics metrics;

    public DeadLetters(@Channel(Channels.DLQ_OUT) Emitter<String> dlq, TrainerMetrics metrics) {
        this.dlq = dlq;
        this.metrics = metrics;
    }

    public CompletionStage<Void> send(String sourceTopic, String key, String payload, String reason) {
        LOG.warnf("dead letter from %s (key %s): %s", sourceTopic, key, reason);
        metrics.deadLetter(sourceTopic);
        org.apache.kafka.common.header.internals.RecordHeaders headers =
                new org.apache.kafka.common.header.internals.RecordHeaders();
        headers.add(DeadLetterHeaders.SOURCE_TOPIC, String.valueOf(sourceTopic).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.ERROR, String.valueOf(reason).getBytes(StandardCharsets.UTF_8));
        return KafkaSender.send(dlq, key, payload == null ? "" : payload, headers);
    }
}
