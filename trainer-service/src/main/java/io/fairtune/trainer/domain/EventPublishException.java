package io.fairtune.trainer.domain;

/** The broker did not take an event; the proposal stays unacknowledged so that it is redelivered. */
public class EventPublishException extends RuntimeException {

    public EventPublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
