package io.fairtune.k8s;

import com.fasterxml.jackson.databind.JsonNode;

/** Look-ups in lists of named Kubernetes sub-objects (volumes, mounts, env, auth parameters). */
final class Nodes {

    private Nodes() {
    }

    static boolean mountAt(JsonNode container, String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (path.equals(m.path("mountPath").asText())) {
                return true;
            }
        }
        return false;
    }

    static JsonNode findByName(JsonNode list, String name) {
        for (JsonNode n : list) {
            if (name.equals(n.path("name").asText())) {
                return n;
            }
        }
        throw new AssertionError("no entry named " + name + " in " + list);
    }

    static JsonNode findByParameter(JsonNode list, String parameter) {
        for (JsonNode n : list) {
            if (parameter.equals(n.path("parameter").asText())) {
                return n;
            }
        }
        throw new AssertionError("no parameter " + parameter + " in " + list);
    }
}
