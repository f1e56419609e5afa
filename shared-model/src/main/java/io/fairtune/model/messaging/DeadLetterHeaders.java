package io.fairtune.model.messaging;

/**
 * Kafka headers every service puts on a dead letter, so an operator (or a replay tool) knows where a message
 * came from and why it was refused, whichever service refused it.
 */
public final class DeadLetterHeaders {

    public static final String SOURCE_TOPIC = "fairtune-source-topic";
    public static final String ERROR = "fairtune-error";

    private DeadLetterHeaders() {
    }
}
