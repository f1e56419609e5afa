package io.fairtune.trainer.model;

/** A checkpoint that does not fit the requested backbone: retrying cannot help. */
public class InvalidCheckpointException extends RuntimeException {

    public InvalidCheckpointException(String message) {
        super(message);
    }

    public InvalidCheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
