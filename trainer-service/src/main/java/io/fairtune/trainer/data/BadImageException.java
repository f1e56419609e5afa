package io.fairtune.trainer.data;

/** An image listed in a manifest that is missing or cannot be decoded: the data is wrong, retrying will not help. */
public class BadImageException extends RuntimeException {

    public BadImageException(String message) {
        super(message);
    }

    public BadImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
