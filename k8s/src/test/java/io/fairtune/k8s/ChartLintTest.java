package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ChartLintTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    static Stream<ValueSet> valueSets() {
        return ValueSets.all().stream();
    }

    @Test
    void lintStrictPassesOnTheChartAsShipped() {
        assertLintClean("shipped", ValueSets.chartDir());
    }

    /**
     * helm-java's lint takes no values files, so each value set is linted as a copy of the chart whose
     * values.yaml is the merge of the chart's values, the set's files and its --set overrides.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void lintStrictPassesForEveryValueSet(ValueSet values) throws IOException {
        Path copy = ValueSets.buildDir().resolve("lint").resolve(values.name()).resolve("fairtune");
        copyTree(ValueSets.chartDir(), copy);
        ObjectNode merged = (ObjectNode) YAML.readTree(ValueSets.chartDir().resolve("values.yaml").toFile());
        for (Path file : values.valuesFiles()) {
            deepMerge(merged, YAML.readTree(file.toFile()));
        }
        for (Map.Entry<String, Object> set : values.sets().entrySet()) {
            deepMerge(merged, nested(set.getKey(), set.getValue()));
        }
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merged);

        assertLintClean(values.name(), copy);
    }

    @Test
    void chartHasTheFilesOfAWellKeptChart() {
        for (String file : List.of("Chart.yaml", "values.yaml", ".helmignore", "README.md", "templates/NOTES.txt",
                "templates/_helpers.tpl", "dashboards/fairtune.json")) {
            assertTrue(Files.isRegularFile(ValueSets.chartDir().resolve(file)), () -> "missing " + file);
        }
    }

    private static void assertLintClean(String what, Path chart) {
        LintResult result = new Helm(chart).lint().strict().call();
        assertFalse(result.isFailed(), () -> "helm lint --strict failed for " + what + ": " + result.getMessages());
        // --strict already fails on warnings; INFO lines (e.g. "icon is recommended") are the only ones allowed.
        List<String> notInfo = result.getMessages().stream().filter(m -> !m.startsWith("[INFO]")).toList();
        assertTrue(notInfo.isEmpty(), () -> "lint reported for " + what + ": " + notInfo);
    }

    private static JsonNode nested(String dottedKey, Object value) {
        ObjectNode root = YAML.createObjectNode();
        ObjectNode node = root;
        String[] keys = dottedKey.split("\\.");
        for (int i = 0; i < keys.length - 1; i++) {
            node = node.putObject(keys[i]);
        }
        node.set(keys[keys.length - 1], YAML.valueToTree(value));
        return root;
    }

    private static void deepMerge(ObjectNode target, JsonNode overrides) {
        Iterator<Map.Entry<String, JsonNode>> it = overrides.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode && e.getValue().isObject()) {
                deepMerge((ObjectNode) existing, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
