package io.fairtune.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.model.events.EventCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Turns the API's error bodies into one line a person can act on, never a raw JSON or stack trace. */
final class ErrorBodies {

    private ErrorBodies() {
    }

    /**
     * {@code {"errors":[{"field","message"}]}} becomes "field: message; …"; a server error without that body
     * (Quarkus' {@code {"details":"Error id …"}}) becomes a sentence that says where to look.
     */
    static String inWords(int status, String body) {
        List<String> parts = new ArrayList<>();
        JsonNode json = parse(body);
        for (JsonNode e : json.path("errors")) {
            String field = e.path("field").asText("");
            String message = e.path("message").asText("");
            parts.add(field.isEmpty() ? message : field + ": " + message);
        }
        if (!parts.isEmpty()) {
            return String.join("; ", parts);
        }
        if (status >= 500) {
            String id = json.path("details").asText("");
            return "the optimizer failed to answer (HTTP " + status + ")"
                    + (id.isEmpty() ? "" : "; its log has the details under '" + id + "'");
        }
        return "HTTP " + status + (body == null || body.isBlank() || body.length() > 300 ? "" : ": " + body.strip());
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? EventCodec.mapper().createObjectNode()
                    : EventCodec.mapper().readTree(body);
        } catch (IOException notJson) {
            return EventCodec.mapper().createObjectNode();
        }
    }
}
