package io.fairtune.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every metric a dashboard queries must be one the services really export: the names are checked
 * against the /q/metrics bodies the services' own tests write to their target/q-metrics.txt.
 */
class DashboardTest {

    static final List<String> SERVICES = List.of("optimizer-service", "trainer-service", "evaluator-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<Path> dashboards;

    @BeforeAll
    static void findDashboards() throws IOException {
        try (Stream<Path> files = Files.list(ValueSets.chartDir().resolve("dashboards"))) {
            dashboards = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(dashboards.isEmpty(), "no dashboards/*.json in the chart");
    }

    @Test
    void everyQueriedMetricIsExportedByAService() throws IOException {
        Set<String> exported = exportedMetricNames();
        Map<String, Set<String>> missing = new LinkedHashMap<>();
        for (Path dashboard : dashboards) {
            queries(JSON.readTree(dashboard.toFile())).forEach((where, expr) -> {
                for (String name : PromQlMetricNames.of(expr)) {
                    if (!exported.contains(name)) {
                        missing.computeIfAbsent(name, k -> new TreeSet<>()).add(dashboard.getFileName() + " / " + where);
                    }
                }
            });
        }
        assertTrue(missing.isEmpty(), () -> "metrics queried but exported by no service: " + missing);
    }

    @Test
    void dashboardCoversWhatOperatorsWatch() throws IOException {
        Set<String> queried = new HashSet<>();
        for (Path dashboard : dashboards) {
            queries(JSON.readTree(dashboard.toFile())).values().forEach(e -> queried.addAll(PromQlMetricNames.of(e)));
        }
        List<String> required = List.of(
                "fairtune_trials",                              // trials by state over time
                "fairtune_study_best_objective",                // best objective per study
                "fairtune_trainer_epoch_seconds_sum",           // trial duration
                "fairtune_trainer_images_per_second",           // trainer throughput
                "fairtune_trainer_gpu_memory_bytes",            // GPU memory
                "kafka_consumer_fetch_manager_records_lag_max", // consumer lag per topic
                "fairtune_evaluator_latency_seconds_bucket",    // evaluation latency
                "fairtune_trainer_trials_total",                // failures
                "fairtune_dead_letters_total");                 // dead letters
        List<String> absent = required.stream().filter(r -> !queried.contains(r)).toList();
        assertTrue(absent.isEmpty(), () -> "the dashboard does not show " + absent);
    }

    @Test
    void panelsAreWellFormed() throws IOException {
        for (Path dashboard : dashboards) {
            JsonNode d = JSON.readTree(dashboard.toFile());
            assertFalse(d.path("uid").asText().isEmpty(), dashboard + " needs a stable uid for links");
            assertFalse(d.path("title").asText().isEmpty());
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : d.path("panels")) {
                String title = panel.path("title").asText();
                assertTrue(ids.add(panel.path("id").asInt()), "duplicate panel id " + panel.path("id"));
                JsonNode pos = panel.path("gridPos");
                assertTrue(pos.path("x").asInt() + pos.path("w").asInt() <= 24, title + " overflows the grid");
                if ("row".equals(panel.path("type").asText())) {
                    continue;
                }
                assertFalse(panel.path("targets").isEmpty(), title + " has no query");
                assertEquals("${datasource}", panel.at("/datasource/uid").asText(), title + " must use the datasource variable");
                for (JsonNode t : panel.path("targets")) {
                    assertFalse(t.path("expr").asText().isBlank(), title + " has an empty query");
                    assertTrue(t.path("expr").asText().contains("$namespace"), title + " ignores the namespace variable");
                }
            }
        }
    }

    /** "panel title [refId]" -> expr, for panels (also inside collapsed rows) and templating queries. */
    static Map<String, String> queries(JsonNode dashboard) {
        Map<String, String> out = new LinkedHashMap<>();
        List<JsonNode> panels = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            panels.add(p);
            p.path("panels").forEach(panels::add);
        });
        for (JsonNode p : panels) {
            for (JsonNode t : p.path("targets")) {
                out.put(p.path("title").asText() + " [" + t.path("refId").asText() + "]", t.path("expr").asText());
            }
        }
        for (JsonNode v : dashboard.at("/templating/list")) {
            if ("query".equals(v.path("type").asText())) {
                JsonNode q = v.path("query");
                out.put("variable $" + v.path("name").asText(), q.isTextual() ? q.asText() : q.path("query").asText());
            }
        }
        return out;
    }

    /** Sample names (not just # TYPE families) across the three services' /q/metrics bodies. */
    static Set<String> exportedMetricNames() throws IOException {
        Path root = Path.of(System.getProperty("fairtune.repo.root", "..")).toAbsolutePath().normalize();
        List<Path> files = SERVICES.stream().map(s -> root.resolve(s).resolve("target/q-metrics.txt")).toList();
        List<Path> absent = files.stream().filter(f -> !Files.isRegularFile(f)).toList();
        if (!absent.isEmpty()) {
            fail("missing " + absent + ": run the service tests first (they write their /q/metrics body there), e.g. "
                    + "./mvnw install -pl optimizer-service,trainer-service,evaluator-service, then run this module again");
        }
        Set<String> names = new TreeSet<>();
        for (Path f : files) {
            Set<String> inFile = parseSampleNames(Files.readString(f));
            assertFalse(inFile.isEmpty(), f + " holds no metric samples");
            names.addAll(inFile);
        }
        return names;
    }

    static Set<String> parseSampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < l.length() && l.charAt(end) != '{' && !Character.isWhitespace(l.charAt(end))) {
                end++;
            }
            names.add(l.substring(0, end));
        }
        return names;
    }
}
