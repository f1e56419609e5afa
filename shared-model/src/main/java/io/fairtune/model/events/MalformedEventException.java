package io.fairtune.model.events;

/** A message that cannot be an event we understand: routed to the dead-letter topic, never retried. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
