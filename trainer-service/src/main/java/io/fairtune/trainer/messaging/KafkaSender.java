package io.fairtune.trainer.messaging;

import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/** Sends a keyed record and completes when the broker acknowledged it (or failed). */
final class KafkaSender {

    private KafkaSender() {
    }

    static CompletionStage<Void> send(Emitter<String> emitter, String key, String value) {
        return send(emitter, key, value, null);
    }

    static CompletionStage<Void> send(Emitter<String> emitter, String key, String value,
                                      org.apache.kafka.common.header.Headers headers) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> meta =
                OutgoingKafkaRecordMetadata.<String>builder().withKey(key);
        if (headers != null) {
            meta = meta.withHeaders(headers);
        }
        Message<String> message = Message.of(value, Metadata.of(meta.build()),
                () -> {
                    done.complete(null);
                    return CompletableFuture.completedFuture(null);
                },
                failure -> {
                    done.completeExceptionally(failure);
                    return CompletableFuture.completedFuture(null);
                });
        try {
            emitter.send(message);
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }
}
