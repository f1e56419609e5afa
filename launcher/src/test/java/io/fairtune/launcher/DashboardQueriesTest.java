package io.fairtune.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairtune.infra.FreePorts;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.launcher.cluster.ClusterConfig;
import io.fairtune.launcher.cluster.LocalCluster;
import io.fairtune.launcher.cluster.ServiceProcess;
import io.fairtune.model.messaging.TopicNames;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's Grafana dashboard (k8s/fairtune/dashboards/fairtune.json) proven against a real Prometheus: Debian's
 * {@code prometheus} scrapes a local cluster's services (their own runnable jars, on the embedded broker and
 * PostgreSQL) at /q/metrics with the labels the chart's ServiceMonitor gives them, a real study runs, and every
 * panel's query is evaluated through Prometheus' HTTP API: instantly while the study runs (what a stat shows now)
 * and as a range over the study (what a time series draws). Each must return what its panel needs: a panel that
 * stays empty, flat or non-finite through a study that gives it something to show is a bug in the dashboard or in
 * a metric.
 */
class DashboardQueriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The namespace and release a `helm install fairtune k8s/fairtune -n fairtune-e2e` would give the series. */
    private static final String NAMESPACE = "fairtune-e2e";
    private static final String FULLNAME = "fairtune";

    private static final Duration SCRAPE = Duration.ofSeconds(1);
    /**
     * Grafana's {@code $__rate_interval} is max($__interval + scrape interval, 4 x scrape interval), the scrape
     * interval being the data source's setting (here ours, 1 s). Over a study of a few minutes $__interval is
     * clamped up to that same scrape interval, so it is 4 x 1 s: the smallest window rate() can always fill.
     */
    private static final Map<String, String> GRAFANA_BUILTINS = Map.of(
            "__rate_interval", 4 * SCRAPE.toSeconds() + "s",
            "__interval", SCRAPE.toSeconds() + "s");
    private static final Set<String> CONSUMED_TOPICS = new TreeSet<>(Set.of(TopicNames.PROPOSED, TopicNames.CONTROL,
            TopicNames.PROGRESS, TopicNames.PREDICTED, TopicNames.SCORED));
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    /**
     * What each panel target must return through the study, keyed "panel title [refId]". Every target of the
     * dashboard needs an entry and every entry a target: a new panel is not proven until it is listed here.
     */
    private static final Map<String, Expect> EXPECTED = expectations();

    private static LocalCluster cluster;
    private static PrometheusServer prometheus;
    private static OptimizerClient client;
    private static String manifest;

    @BeforeAll
    static void startClusterAndPrometheus() {
        // before anything else, so that a machine without prometheus fails in a second, saying what to install
        PrometheusServer.requireBinary();
        Path repo = Path.of(System.getProperty("fairtune.repo.root", "..")).toAbsolutePath().normalize();
        Path work = repo.resolve("launcher/target/dashboard-" + System.currentTimeMillis());
        Path dataRoot = work.resolve("datasets");
        manifest = SmallHamDataset.write(repo, dataRoot);
        // One trainer is enough for every trainer panel (they group by pod) and leaves the cores to training.
        ClusterConfig config = new ClusterConfig(repo, work, dataRoot, repo.resolve("../shared/datasets").normalize(),
                repo.resolve("models"), 1, 1, 20000 + FreePorts.next() % 20000, null, null, "postgres", "postgres",
                Map.of("fairtune.loop.tick-millis", "500"), Map.of("fairtune.trainer.heartbeat-interval", "2s"));
        cluster = new LocalCluster(config).start();
        client = new OptimizerClient(cluster.optimizer().baseUrl(), cluster.apiKey());
        prometheus = PrometheusServer.start(work.resolve("prometheus"), SCRAPE, scrapeTargets());
        prometheus.awaitTargetsUp(2 + cluster.trainers().size(), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * What the chart's ServiceMonitor (templates/monitoring/servicemonitor.yaml) makes of each pod under the
     * Prometheus Operator: job and service are the Service's name (fairtune-&lt;component&gt;), namespace and pod the
     * pod's, container its container (named after the component), endpoint the port's name (http), and the
     * relabeling adds component. The panels select on namespace and group by pod; nothing selects on job. Pods of
     * a Deployment would carry a ReplicaSet hash; the queries only group by pod, so "-0", "-1" does as well.
     */
    private static List<PrometheusServer.Target> scrapeTargets() {
        List<PrometheusServer.Target> targets = new ArrayList<>();
        targets.add(target("optimizer", cluster.optimizer(), FULLNAME + "-optimizer-0"));
        targets.add(target("evaluator", cluster.evaluator(), FULLNAME + "-evaluator-0"));
        for (ServiceProcess trainer : cluster.trainers()) {
            targets.add(target("trainer", trainer, trainerPod(trainer)));
        }
        return targets;
    }

    private static PrometheusServer.Target target(String component, ServiceProcess service, String pod) {
        String serviceName = FULLNAME + "-" + component;
        return new PrometheusServer.Target(serviceName, URI.create(service.baseUrl()).getAuthority(), "/q/metrics",
                Map.of("namespace", NAMESPACE, "service", serviceName, "pod", pod, "container", component,
                        "endpoint", "http", "component", component));
    }

    private static String trainerPod(ServiceProcess trainer) {
        return FULLNAME + "-" + trainer.name(); // trainer-0 -> fairtune-trainer-0
    }

    @Test
    void everyPanelShowsTheStudy() throws IOException {
        JsonNode dashboard = JSON.readTree(Path.of(System.getProperty("fairtune.repo.root", ".."))
                .resolve("k8s/fairtune/dashboards/fairtune.json").toFile());
        Map<String, String> values = templateValues(dashboard);
        Map<String, Panel> panels = panelTargets(dashboard, values);
        assertEquals(new TreeSet<>(EXPECTED.keySet()), new TreeSet<>(panels.keySet()),
                "every panel target needs an expectation here, and every expectation a panel");

        Instant start = Instant.now();
        String id = client.createStudy(spec()).path("id").asText();
        // While it runs: every query, instantly, as a stat panel or a refreshing dashboard asks it.
        Set<String> shownLive = new HashSet<>();
        List<String> failures = new ArrayList<>();
        JsonNode study = client.study(id);
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        while (!finished(study)) {
            assertTrue(System.nanoTime() < deadline, "study did not finish: " + study);
            Instant now = Instant.now();
            panels.forEach((key, panel) -> {
                JsonNode data = prometheus.query(panel.expr(), now); // a query Prometheus rejects throws here
                if (!"vector".equals(data.path("resultType").asText())) {
                    failures.add(key + ": instant query gave " + data.path("resultType").asText() + ", not a vector");
                }
                for (JsonNode sample : data.path("result")) {
                    double v = sampleValue(sample.path("value").get(1).asText());
                    if (Double.isFinite(v) && v > 0) {
                        shownLive.add(key);
                    }
                }
            });
            Pause.millis(1000);
            study = client.study(id);
        }
        assertEquals("COMPLETED", study.path("state").asText(), study.toString());
        Pause.millis(3 * SCRAPE.toMillis()); // the last values of the study reach Prometheus
        Instant end = Instant.now();

        // The stats show the live study: a trial in flight, proposals per minute above zero, at some moment.
        panels.forEach((key, panel) -> {
            boolean shouldMove = EXPECTED.get(key).value() == Value.POSITIVE;
            if (panel.type().equals("stat") && shouldMove && !shownLive.contains(key)) {
                failures.add(key + ": the stat never showed a value above 0 while the study ran: " + panel.expr());
            }
        });
        // After it: every query over the study's time range, as a time series panel (and a stat's sparkline) draws it.
        StringBuilder summary = new StringBuilder("panel queries over the study (" + Duration.between(start, end)
                .toSeconds() + " s):\n");
        Map<String, JsonNode> ranges = new LinkedHashMap<>();
        panels.forEach((key, panel) -> {
            JsonNode data = prometheus.queryRange(panel.expr(), start, end, SCRAPE);
            ranges.put(key, data);
            String problem = EXPECTED.get(key).check(data, id);
            summary.append(String.format("  %-45s %s%n", key, problem == null ? describe(data) : "FAILED: " + problem));
            if (problem != null) {
                failures.add(key + ": " + problem + " (expected: " + EXPECTED.get(key).why() + ")\n    query: "
                        + panel.expr() + "\n    result: " + abbreviate(data.toString()));
            }
        });
        System.out.println(summary);
        // And what they show last is what the optimizer's API says of the finished study.
        long completed = study.path("searchTrials").path("COMPLETE").asLong()
                + study.path("finalTrials").path("COMPLETE").asLong();
        agrees(failures, ranges, "Trials by state [A]", "state", "COMPLETE", completed,
                "complete trials, search and final");
        agrees(failures, ranges, "Trials in flight [A]", null, null, 0, "a finished study has none in flight");
        agrees(failures, ranges, "Best objective per study [A]", "study", id, study.path("bestObjective").asDouble(),
                "the study's bestObjective");
        assertTrue(failures.isEmpty(),
                () -> failures.size() + " dashboard queries failed:\n" + String.join("\n", failures));
    }

    /** The last point of the series with {@code label=value} (the only one when label is null) is {@code expected}. */
    private static void agrees(List<String> failures, Map<String, JsonNode> ranges, String key, String label,
                               String value, double expected, String what) {
        JsonNode last = null;
        for (JsonNode series : ranges.get(key).path("result")) {
            if (label == null || value.equals(series.path("metric").path(label).asText())) {
                JsonNode values = series.path("values");
                last = values.isEmpty() ? null : values.get(values.size() - 1);
            }
        }
        double shown = last == null ? Double.NaN : sampleValue(last.get(1).asText());
        if (!(Math.abs(shown - expected) <= 1e-9)) {
            failures.add(key + (label == null ? "" : " {" + label + "=" + value + "}") + " ends at " + shown
                    + ", the API says " + expected + " (" + what + ")");
        }
    }

    // ---- what each panel must show ----

    enum Value { POSITIVE, ANY, ZERO }

    /**
     * @param groupedBy a label every series must carry with a value (the panel's legend), or null for one series
     * @param gaps      whether NaN points are legitimate (Grafana draws a gap), and why
     */
    record Expect(Value value, String groupedBy, String gaps, String why) {

        String check(JsonNode data, String studyId) {
            if (!"matrix".equals(data.path("resultType").asText())) {
                return "resultType " + data.path("resultType").asText() + ", not a matrix";
            }
            JsonNode result = data.path("result");
            if (result.isEmpty()) {
                return "no series at all";
            }
            boolean positive = false;
            Set<String> groups = new TreeSet<>();
            for (JsonNode series : result) {
                if (groupedBy != null) {
                    String g = series.path("metric").path(groupedBy).asText();
                    if (g.isEmpty()) {
                        return "a series without the label " + groupedBy + " it is grouped by: "
                                + series.path("metric");
                    }
                    groups.add(g);
                } else if (result.size() > 1) {
                    return result.size() + " series where the panel expects one";
                }
                boolean anyFinite = false;
                for (JsonNode point : series.path("values")) {
                    double v = sampleValue(point.get(1).asText());
                    if (Double.isInfinite(v) || (Double.isNaN(v) && gaps == null)) {
                        return "a non-finite point (" + point.get(1).asText() + ") in " + series.path("metric");
                    }
                    anyFinite |= Double.isFinite(v);
                    positive |= v > 0;
                    if (value == Value.ZERO && v != 0) {
                        return "a point of " + v + " where a healthy study has none, in " + series.path("metric");
                    }
                }
                if (!anyFinite) {
                    return "a series with no finite point (drawn as nothing): " + series.path("metric");
                }
            }
            if (value == Value.POSITIVE && !positive) {
                return "never above 0 during a study that should move it";
            }
            if ("study".equals(groupedBy) && !groups.contains(studyId)) {
                return "no series for the study " + studyId + ": " + groups;
            }
            if ("topic".equals(groupedBy) && !groups.equals(CONSUMED_TOPICS)) {
                // lag and dead letters are about the topics the services consume, under their real names
                return "topics " + groups + " where the services consume " + CONSUMED_TOPICS;
            }
            if ("pod".equals(groupedBy)) {
                Set<String> trainerPods = new TreeSet<>();
                cluster.trainers().forEach(t -> trainerPods.add(trainerPod(t)));
                if (!groups.equals(trainerPods)) {
                    return "pods " + groups + " where the trainers are " + trainerPods;
                }
            }
            return null;
        }
    }

    private static Map<String, Expect> expectations() {
        String noEventInWindow = "no event in a $__rate_interval window: the quantile (or 0/0 ratio) is NaN, a gap";
        Map<String, Expect> e = new LinkedHashMap<>();
        e.put("Trials in flight [A]", new Expect(Value.POSITIVE, null, null, "a trial is proposed or running"));
        e.put("Proposals / min [A]", new Expect(Value.POSITIVE, null, null, "the optimizer proposes trials"));
        e.put("Trials by state [A]", new Expect(Value.POSITIVE, "state", null, "trials complete"));
        e.put("Best objective per study [A]", new Expect(Value.POSITIVE, "study",
                "the gauge is NaN until the study's first trial is scored", "min AUC of the best trial, in (0, 1]"));
        e.put("Suggestion latency (p50 / p95) [A]", new Expect(Value.POSITIVE, null, noEventInWindow, "suggestions"));
        e.put("Suggestion latency (p50 / p95) [B]", new Expect(Value.POSITIVE, null, noEventInWindow, "suggestions"));
        e.put("Last objective scored, per study [A]", new Expect(Value.POSITIVE, "study", null, "trials are scored"));
        e.put("Images / s per trainer [A]", new Expect(Value.POSITIVE, "pod", null, "the trainer trains epochs"));
        e.put("GPU memory per trainer [A]", new Expect(Value.ANY, "pod", null,
                "0 on a machine without a GPU (as in CI); the series must exist for every trainer"));
        e.put("Trial duration (epoch time) [A]", new Expect(Value.POSITIVE, null, noEventInWindow, "epochs"));
        e.put("Trial duration (epoch time) [B]", new Expect(Value.POSITIVE, null, null, "epochs"));
        e.put("Trial duration (epoch time) [C]", new Expect(Value.POSITIVE, null, noEventInWindow, "training steps"));
        e.put("Trainer trial outcomes / h [A]", new Expect(Value.POSITIVE, "outcome", null, "trials trained"));
        e.put("Epochs / min per trainer [A]", new Expect(Value.POSITIVE, "pod", null, "epochs"));
        e.put("Consumer lag per topic [A]", new Expect(Value.ANY, "topic", null,
                "a consumer that keeps up with a small study has a lag of 0; the series must exist and be finite"));
        e.put("Consumer lag per client [A]", new Expect(Value.ANY, "client_id", null,
                "as per topic: 0 is a consumer keeping up"));
        e.put("Evaluation latency (p50 / p95) [A]", new Expect(Value.POSITIVE, null, noEventInWindow, "scoring"));
        e.put("Evaluation latency (p50 / p95) [B]", new Expect(Value.POSITIVE, null, noEventInWindow, "scoring"));
        e.put("Trials scored by outcome / min [A]", new Expect(Value.POSITIVE, "outcome", null, "trials scored"));
        e.put("Dead letters by topic / h [A]", new Expect(Value.ZERO, "topic", null,
                "the counters exist from start-up at 0, and a healthy study sends no valid event to the dead letters"));
        return e;
    }

    // ---- the dashboard's queries, as Grafana would send them ----

    record Panel(String type, String expr) {
    }

    /**
     * The value of each query variable as Grafana resolves it (label_values(metric, label) through Prometheus'
     * label API), all values ticked, plus Grafana's built-ins. The namespace variable must find this cluster's.
     */
    private static Map<String, String> templateValues(JsonNode dashboard) {
        Map<String, String> values = new LinkedHashMap<>(GRAFANA_BUILTINS);
        for (JsonNode v : dashboard.at("/templating/list")) {
            if (!"query".equals(v.path("type").asText())) {
                continue; // the datasource variable: here, this Prometheus
            }
            String q = v.path("query").isTextual() ? v.path("query").asText() : v.path("query").path("query").asText();
            Matcher m = LABEL_VALUES.matcher(q);
            assertTrue(m.matches(), "variable $" + v.path("name").asText() + ": teach this test its query " + q);
            List<String> found = prometheus.labelValues(m.group(2), m.group(1));
            assertFalse(found.isEmpty(), "variable $" + v.path("name").asText() + " has no value: " + q);
            if (m.group(2).equals("namespace")) {
                assertEquals(List.of(NAMESPACE), found, "the namespace variable lists the scraped namespace");
            }
            // every value ticked: Grafana joins them into a regex alternation for =~ (no value here needs escaping)
            values.put(v.path("name").asText(), String.join("|", found));
        }
        return values;
    }

    /** "title [refId]" -> the panel's type and its query with every variable substituted; rows' panels too. */
    private static Map<String, Panel> panelTargets(JsonNode dashboard, Map<String, String> values) {
        List<JsonNode> all = new ArrayList<>();
        dashboard.path("panels").forEach(p -> {
            all.add(p);
            p.path("panels").forEach(all::add); // a collapsed row keeps its panels inside it
        });
        Map<String, Panel> out = new LinkedHashMap<>();
        for (JsonNode p : all) {
            for (JsonNode t : p.path("targets")) {
                String key = p.path("title").asText() + " [" + t.path("refId").asText() + "]";
                String expr = t.path("expr").asText();
                Matcher m = VARIABLE.matcher(expr);
                StringBuilder sb = new StringBuilder();
                while (m.find()) {
                    String name = m.group(1) != null ? m.group(1) : m.group(2);
                    assertTrue(values.containsKey(name), key + " uses $" + name + ": give it a value in this test");
                    m.appendReplacement(sb, Matcher.quoteReplacement(values.get(name)));
                }
                m.appendTail(sb);
                out.put(key, new Panel(p.path("type").asText(), sb.toString()));
            }
        }
        return out;
    }

    // ---- helpers ----

    private String spec() {
        // EndToEndTest's study: 3 trials of one epoch, then a final phase with one seed (the final phase trains
        // and scores too, so the panels see it)
        return """
                {"name":"dashboard","dataset":"%s","sensitiveAttribute":"sex","reportAttributes":["age_binary"],
                 "backbone":{"kind":"vit","checkpoint":"vit-tiny-utkface-gender.safetensors","imageSize":32,"numBlocks":4,
                   "vit":{"imageSize":32,"patchSize":4,"embedDim":96,"depth":4,"numHeads":3,"mlpRatio":2,"numClasses":2}},
                 "searchSpace":"components3","objectives":["min_auc"],"sampler":"tpe","trialBudget":3,
                 "parallelism":1,
                 "innerLoop":{"epochs":1,"batchSize":32,"optimizer":"adamw","schedule":"constant","warmupEpochs":0,
                   "weightDecay":0.0,"lrMin":1e-4,"lrMax":1e-3,"augment":false,"classWeights":true},
                 "finalPhase":{"seeds":1,"baselines":[]},
                 "bootstrapSamples":50,"maxAttempts":3,"leaseSeconds":20,"seed":11}
                """.formatted(manifest);
    }

    private static boolean finished(JsonNode study) {
        return Set.of("COMPLETED", "CANCELLED", "FAILED").contains(study.path("state").asText());
    }

    /** Prometheus writes sample values as strings: "1.5", "NaN", "+Inf", "-Inf". */
    static double sampleValue(String s) {
        return switch (s) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    private static String describe(JsonNode data) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode series : data.path("result")) {
            double max = Double.NaN;
            int points = 0;
            for (JsonNode p : series.path("values")) {
                double v = sampleValue(p.get(1).asText());
                points++;
                if (Double.isFinite(v) && !(v <= max)) {
                    max = v;
                }
            }
            JsonNode metric = series.path("metric");
            sb.append(metric.isEmpty() ? "{}" : metric.toString())
                    .append(String.format(" %d points, max %.4g; ", points, max));
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 600 ? s : s.substring(0, 600) + "…";
    }
}
