package io.fairtune.model.data;

/** A manifest that cannot be used; the message names the line and column at fault. */
public class InvalidManifestException extends RuntimeException {

    public InvalidManifestException(String message) {
        super(message);
    }

    public InvalidManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
