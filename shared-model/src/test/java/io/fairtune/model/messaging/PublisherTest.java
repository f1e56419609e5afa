package io.fairtune.model.messaging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PublisherTest {

    private static final OutboundRecord RECORD = new OutboundRecord("k", "v", Map.of(), OutboundRecord.KEY_DECIDES);

    @Test
    void waitsForTheBrokersAnswer() {
        assertDoesNotThrow(() -> new Publisher(r -> CompletableFuture.completedFuture(null), Duration.ofSeconds(1)).sendAndWait(RECORD));
        PublishFailedException refused = assertThrows(PublishFailedException.class, () -> new Publisher(
                r -> CompletableFuture.failedFuture(new IllegalStateException("full")), Duration.ofSeconds(1)).sendAndWait(RECORD));
        assertTrue(refused.getMessage().contains("full"), refused.getMessage());
        assertThrows(PublishFailedException.class, () -> new Publisher(r -> {
            throw new IllegalStateException("channel closed");
        }, Duration.ofSeconds(1)).sendAndWait(RECORD));
    }

    @Test
    void aRecordBecomesTheKafkaRecordItDescribes() {
        var kafka = new InboundRecord("in", "k", "v").deadLetter("why").toPartition(2).toProducerRecord("dlq");
        assertEquals("dlq", kafka.topic());
        assertEquals(2, kafka.partition());
        assertEquals("k", kafka.key());
        assertEquals("why", new String(kafka.headers().lastHeader(DeadLetterHeaders.ERROR).value()));
        assertEquals(null, RECORD.toProducerRecord("t").partition(), "the key decides");
    }

    @Test
    void aBrokerThatNeverAnswersTimesOut() {
        Publisher silent = new Publisher(r -> new CompletableFuture<>(), Duration.ofMillis(50));
        assertThrows(PublishFailedException.class, () -> silent.sendAndWait(RECORD));
    }
}
