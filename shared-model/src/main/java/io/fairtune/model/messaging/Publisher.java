package io.fairtune.model.messaging;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes over one channel and tells when the broker has the record. Every service acknowledges what it
 * consumed, or marks what it produced as published, only after the broker acknowledged the result, so a crash
 * in between leads to a redelivery, never to a lost event.
 */
public final class Publisher {

    private final RecordTransport transport;
    private final Duration timeout;

    public Publisher(RecordTransport transport, Duration timeout) {
        this.transport = transport;
        this.timeout = timeout;
    }

    /** Completes when the broker acknowledged the record, exceptionally when it refused it. */
    public CompletionStage<Void> send(OutboundRecord record) {
        try {
            return transport.send(record);
        } catch (RuntimeException e) {
            // a closed channel refuses at once; callers see it as the broker's refusal
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Sends and waits for the broker's acknowledgement. */
    public void sendAndWait(OutboundRecord record) {
        await(send(record), timeout);
    }

    /**
     * Waits for a send to be acknowledged.
     *
     * @throws PublishFailedException when the broker refused the record, or did not answer in time
     */
    public static void await(CompletionStage<Void> sent, Duration timeout) {
        try {
            sent.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted while publishing", e);
        } catch (ExecutionException e) {
            throw new PublishFailedException("the broker refused the record: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishFailedException("the broker did not acknowledge the record within " + timeout, e);
        }
    }
}
