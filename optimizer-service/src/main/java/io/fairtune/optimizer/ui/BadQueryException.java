package io.fairtune.optimizer.ui;

/** A dashboard request with a malformed path or query parameter; answered 400 naming the parameter. */
final class BadQueryException extends RuntimeException {

    private final String field;

    BadQueryException(String field, String message) {
        super(message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
