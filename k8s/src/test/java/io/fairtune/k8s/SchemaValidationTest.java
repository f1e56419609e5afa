package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks every object of every value set against the Kubernetes, KEDA and prometheus-operator JSON
 * schemas of the npm kubernetes-models packages (installed under target/schema on first use).
 */
class SchemaValidationTest {

    /** Strimzi publishes no kubernetes-models package; its objects are covered by StrimziTest. */
    private static final Set<String> UNCHECKED_KINDS = Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path schemaDir;

    @BeforeAll
    static void installModels() throws Exception {
        Assumptions.assumeTrue(commandWorks("node", "--version"),
                "node is not installed: schema checks of the rendered manifests need node and npm");
        schemaDir = ValueSets.buildDir().resolve("schema");
        Files.createDirectories(schemaDir);
        List<String> packages = List.of(
                "kubernetes-models@" + System.getProperty("kubernetes-models.version", "5.1.0"),
                "@kubernetes-models/keda@" + System.getProperty("kubernetes-models-keda.version", "2.0.0"),
                "@kubernetes-models/prometheus-operator@"
                        + System.getProperty("kubernetes-models-prometheus-operator.version", "6.0.0"));
        Path marker = schemaDir.resolve("installed.txt");
        String wanted = String.join("\n", packages);
        if (!Files.exists(marker) || !Files.readString(marker).equals(wanted)) {
            List<String> cmd = new ArrayList<>(List.of("npm", "install", "--prefix", schemaDir.toString(),
                    "--no-audit", "--no-fund", "--no-save", "--loglevel=error"));
            cmd.addAll(packages);
            ProcessResult r = run(cmd, schemaDir, 600);
            assertEquals(0, r.exit, () -> "npm install failed:\n" + r.output);
            Files.writeString(marker, wanted);
        }
        try (InputStream in = SchemaValidationTest.class.getResourceAsStream("/schema/validate.mjs")) {
            Files.copy(in, schemaDir.resolve("validate.mjs"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void everyRenderedObjectOfEveryValueSetMatchesItsSchema() throws Exception {
        ArrayNode items = JSON.createArrayNode();
        int strimziObjects = 0;
        for (ValueSet values : ValueSets.all()) {
            for (JsonNode doc : ChartRenderer.render(values).docs()) {
                items.addObject().put("source", values.name()).set("doc", doc);
                if (UNCHECKED_KINDS.contains(doc.path("kind").asText())) {
                    strimziObjects++;
                }
            }
        }
        JsonNode result = validate(items);

        assertEquals(0, result.path("errors").size(), () -> "schema errors: " + result.path("errors").toPrettyString());
        assertEquals(strimziObjects, result.path("unchecked").size(),
                () -> "only Strimzi kinds may go unchecked: " + result.path("unchecked"));
        assertEquals(items.size() - strimziObjects, result.path("validated").size());
        assertTrue(result.path("validated").toString().contains("ScaledObject/ft-fairtune-trainer"));
        assertTrue(result.path("validated").toString().contains("ServiceMonitor/ft-fairtune"));
    }

    @Test
    void validatorRejectsABrokenDeployment() throws Exception {
        JsonNode deployment = ChartRenderer.render(ValueSets.defaults()).component("Deployment", "trainer").deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.get("spec")).put("replicas", "four");
        ArrayNode items = JSON.createArrayNode();
        items.addObject().put("source", "broken").set("doc", deployment);

        JsonNode result = validate(items);

        assertEquals(1, result.path("errors").size(), result::toPrettyString);
        assertTrue(result.at("/errors/0/message").asText().contains("replicas"), result::toPrettyString);
    }

    private static JsonNode validate(ArrayNode items) throws Exception {
        Path input = Files.createTempFile(schemaDir, "docs-", ".json");
        Files.writeString(input, JSON.writeValueAsString(items));
        ProcessResult r;
        try {
            r = run(List.of("node", schemaDir.resolve("validate.mjs").toString(), input.toString()), schemaDir, 120);
        } finally {
            Files.deleteIfExists(input);
        }
        assertEquals(0, r.exit, () -> "validator crashed:\n" + r.output);
        String lastLine = r.output.strip().lines().reduce((a, b) -> b).orElse("{}");
        return JSON.readTree(lastLine);
    }

    private record ProcessResult(int exit, String output) {
    }

    private static ProcessResult run(List<String> cmd, Path dir, int timeoutSeconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new ProcessResult(-1, "timed out: " + cmd);
        }
        return new ProcessResult(p.exitValue(), new String(out));
    }

    private static boolean commandWorks(String... cmd) {
        try {
            return run(List.of(cmd), Path.of("."), 30).exit == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
