package io.fairtune.model.messaging;

/**
 * "Not now": a valid event that this service cannot apply at the moment (its database is away, it does not hold
 * the writer's lock yet) and will be able to apply later. Intake retries it; it is never dead-lettered.
 */
public class RetryLater extends RuntimeException {

    public RetryLater(String message) {
        super(message);
    }

    public RetryLater(String message, Throwable cause) {
        super(message, cause);
    }
}
