package io.fairtune.model.study;

/** One invalid field: its JSON path (e.g. "innerLoop.epochs") and what is wrong with it. */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
