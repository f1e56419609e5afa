package io.fairtune.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.model.events.EventCodec;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a SmallRye Health readiness answer and names what is down in the words an operator uses. */
final class HealthChecks {

    private HealthChecks() {
    }

    static List<String> downInWords(String body) {
        JsonNode json;
        try {
            json = EventCodec.mapper().readTree(body);
        } catch (IOException | RuntimeException e) {
            return List.of("the optimizer's readiness answer is unreadable");
        }
        Set<String> down = new LinkedHashSet<>();
        for (JsonNode check : json.path("checks")) {
            if ("UP".equals(check.path("status").asText())) {
                continue;
            }
            String name = check.path("name").asText("").toLowerCase(Locale.ROOT);
            if (name.contains("database") || name.contains("datasource") || name.contains("lock")) {
                down.add("database unreachable");
            } else if (name.contains("kafka") || name.contains("messaging")) {
                down.add("broker unreachable");
            } else {
                down.add(check.path("name").asText("a readiness check") + " down");
            }
        }
        if (down.isEmpty() && !"UP".equals(json.path("status").asText("UP"))) {
            down.add("the optimizer is not ready");
        }
        return List.copyOf(down);
    }
}
