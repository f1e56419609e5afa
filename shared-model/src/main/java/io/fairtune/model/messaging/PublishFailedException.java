package io.fairtune.model.messaging;

/** The broker did not take a record; whatever depended on it being published must not be acknowledged. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
