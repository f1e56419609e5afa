package io.fairtune.model.api;

import io.fairtune.model.study.FieldError;
import java.util.List;

/** Every error answer of every service's REST API: {"errors":[{"field":..., "message":...}]}. */
public record ErrorBody(List<FieldError> errors) {

    public static ErrorBody of(String field, String message) {
        return new ErrorBody(List.of(new FieldError(field, message)));
    }
}
