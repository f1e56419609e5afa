package io.fairtune.optimizer.api;

import io.fairtune.model.study.FieldError;
import java.util.List;

/** Every error answer: {"errors":[{"field":..., "message":...}]}. */
public record ErrorBody(List<FieldError> errors) {

    public static ErrorBody of(String field, String message) {
        return new ErrorBody(List.of(new FieldError(field, message)));
    }
}
