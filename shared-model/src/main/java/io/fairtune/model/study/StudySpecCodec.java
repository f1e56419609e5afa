package io.fairtune.model.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fairtune.model.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a StudySpec from the JSON the API takes or the YAML the CLI takes. Unknown fields are an error
 * here (unlike events): a misspelt "trialbudget" must not silently fall back to a default.
 */
public final class StudySpecCodec {

    // a spec may omit optional fields, so missing creator properties are fine here (unlike events)
    private static final ObjectMapper JSON = Json.mapper().copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private StudySpecCodec() {
    }

    public static StudySpec fromJson(String json) {
        return read(JSON, json);
    }

    public static StudySpec fromYaml(String yaml) {
        return read(YAML, yaml);
    }

    public static String toJson(StudySpec spec) {
        try {
            return JSON.writeValueAsString(spec);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StudySpec read(ObjectMapper mapper, String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidStudySpecException(List.of(new FieldError("(body)", "a study spec is required")));
        }
        try {
            StudySpec spec = mapper.readValue(text, StudySpec.class);
            if (spec == null) {
                throw new InvalidStudySpecException(List.of(new FieldError("(body)", "a study spec is required")));
            }
            return spec;
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidStudySpecException(List.of(new FieldError(path(e), "unknown field")));
        } catch (InvalidFormatException e) {
            throw new InvalidStudySpecException(List.of(new FieldError(path(e),
                    "cannot read '" + e.getValue() + "' as " + e.getTargetType().getSimpleName())));
        } catch (MismatchedInputException e) {
            throw new InvalidStudySpecException(List.of(new FieldError(path(e),
                    "wrong type: expected " + (e.getTargetType() == null ? "another type" : e.getTargetType().getSimpleName()))));
        } catch (JsonProcessingException e) {
            throw new InvalidStudySpecException(List.of(new FieldError("(body)",
                    "malformed document: " + e.getOriginalMessage())));
        }
    }

    private static String path(MismatchedInputException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return p.isEmpty() ? "(body)" : p;
    }
}
