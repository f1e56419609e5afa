package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The parsed objects of one render, with look-ups by kind and component. */
public record RenderedChart(String name, String text, List<JsonNode> docs, Path file) {

    public List<JsonNode> ofKind(String kind) {
        return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    public Map<String, Long> kindCounts() {
        return docs.stream().collect(Collectors.groupingBy(d -> d.path("kind").asText(), Collectors.counting()));
    }

    public Optional<JsonNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(d.at("/metadata/name").asText())).findFirst();
    }

    public JsonNode get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                "no " + kind + " named " + name + " in render '" + this.name + "'; have " + names(kind)));
    }

    public List<String> names(String kind) {
        return ofKind(kind).stream().map(d -> d.at("/metadata/name").asText()).toList();
    }

    /** The object of a component, e.g. component("Deployment", "trainer"). */
    public JsonNode component(String kind, String component) {
        List<JsonNode> matches = ofKind(kind).stream()
                .filter(d -> component.equals(d.at("/metadata/labels/app.kubernetes.io~1component").asText()))
                .toList();
        assertEquals(1, matches.size(), () -> "expected one " + kind + " of component " + component + " in " + name);
        return matches.get(0);
    }

    public JsonNode container(String component) {
        return component("Deployment", component).at("/spec/template/spec/containers/0");
    }

    /** A container's env as name -> EnvVar node. */
    public static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    /** The shared settings ConfigMap. */
    public JsonNode config() {
        return get("ConfigMap", ChartRenderer.RELEASE + "-fairtune-config").path("data");
    }
}
