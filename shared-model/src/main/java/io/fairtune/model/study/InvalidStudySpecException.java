package io.fairtune.model.study;

import java.util.List;
import java.util.stream.Collectors;

/** A spec with one or more invalid fields; the message names every one of them. */
public class InvalidStudySpecException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidStudySpecException(List<FieldError> errors) {
        super("invalid study spec: " + errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
