package io.fairtune.trainer.messaging;

import io.fairtune.model.messaging.InboundRecord;
import io.fairtune.model.messaging.Publisher;
import io.fairtune.trainer.domain.TrainerSettings;
import io.fairtune.trainer.metrics.TrainerMetrics;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** Messages no trainer can ever understand: kept on the DLQ for a human, counted, and skipped. */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Publisher dlq;
    private final TrainerMetrics metrics;

    public DeadLetters(@Channel(Channels.DLQ_OUT) MutinyEmitter<ProducerRecord<String, String>> dlq,
                       TrainerMetrics metrics, TrainerSettings settings) {
        this.dlq = KafkaTrialEventSink.publisher(dlq, settings.topics().dlq(), settings);
        this.metrics = metrics;
    }

    /** The record a consumed message was, whatever its metadata says (a test may hand a bare message). */
    static InboundRecord inbound(Message<String> message, String defaultTopic) {
        var kafka = message.getMetadata(IncomingKafkaRecordMetadata.class);
        Object key = kafka.map(IncomingKafkaRecordMetadata::getKey).orElse(null);
        return new InboundRecord(kafka.map(IncomingKafkaRecordMetadata::getTopic).orElse(defaultTopic),
                key == null ? null : key.toString(), message.getPayload());
    }

    public CompletionStage<Void> send(InboundRecord record, String reason) {
        LOG.warnf("dead letter from %s (key %s): %s", record.topic(), record.key(), reason);
        metrics.deadLetter(record.topic());
        return dlq.send(record.deadLetter(reason));
    }
}
