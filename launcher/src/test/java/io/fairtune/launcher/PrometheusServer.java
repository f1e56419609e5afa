package io.fairtune.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairtune.infra.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus} binary as a child process, scraping a fixed list of targets, and its HTTP query API.
 * Nothing is downloaded: the binary must be installed ({@code apt-get install prometheus}; .ci/run does it), and a
 * missing binary fails the test that needs it rather than skipping it, so the dashboard is never silently unproven.
 */
final class PrometheusServer implements AutoCloseable {

    /** One scrape target: a job (what a ServiceMonitor calls the Service) and the labels its series get. */
    record Target(String job, String address, String metricsPath, Map<String, String> labels) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path log;
    private final String baseUrl;

    private PrometheusServer(Process process, Path log, String baseUrl) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
    }

    /** The binary: -Dfairtune.prometheus.binary, else {@code prometheus} on the PATH, else Debian's /usr/bin. */
    static Path binary() {
        String configured = System.getProperty("fairtune.prometheus.binary");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "prometheus");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return Path.of("/usr/bin/prometheus");
    }

    /** The binary, or an AssertionError saying how to install it: a test that needs Prometheus fails without it. */
    static Path requireBinary() {
        Path binary = binary();
        if (!Files.isExecutable(binary)) {
            throw new AssertionError("the Prometheus server binary is missing (" + binary + "): install Debian's "
                    + "package with `sudo apt-get install prometheus` (.ci/run does), or point "
                    + "-Dfairtune.prometheus.binary at one; the Grafana dashboard is proven against it");
        }
        return binary;
    }

    /** Writes the configuration, starts Prometheus on a free loopback port and waits until it is ready. */
    static PrometheusServer start(Path workDir, Duration scrapeInterval, List<Target> targets) {
        Path binary = requireBinary();
        try {
            Files.createDirectories(workDir);
            Path config = workDir.resolve("prometheus.yml");
            Files.writeString(config, config(scrapeInterval, targets));
            int port = FreePorts.next();
            Path log = workDir.resolve("prometheus.log");
            Process process = new ProcessBuilder(binary.toString(),
                    "--config.file=" + config,
                    "--storage.tsdb.path=" + workDir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    // range queries read the head block; nothing is kept past the test
                    "--storage.tsdb.retention.time=1h")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            PrometheusServer server = new PrometheusServer(process, log, "http://127.0.0.1:" + port);
            server.awaitReady(Duration.ofSeconds(30));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /** A prometheus.yml with one scrape job per distinct {@link Target#job()}, each target with its labels. */
    static String config(Duration scrapeInterval, List<Target> targets) {
        String interval = scrapeInterval.toMillis() + "ms";
        StringBuilder y = new StringBuilder();
        y.append("global:\n")
                .append("  scrape_interval: ").append(interval).append('\n')
                .append("  scrape_timeout: ").append(interval).append('\n')
                .append("  evaluation_interval: ").append(interval).append('\n')
                .append("scrape_configs:\n");
        Map<String, List<Target>> byJob = new LinkedHashMap<>();
        targets.forEach(t -> byJob.computeIfAbsent(t.job(), j -> new ArrayList<>()).add(t));
        byJob.forEach((job, list) -> {
            y.append("  - job_name: ").append(quote(job)).append('\n')
                    .append("    metrics_path: ").append(quote(list.get(0).metricsPath())).append('\n')
                    .append("    static_configs:\n");
            for (Target t : list) {
                y.append("      - targets: [").append(quote(t.address())).append("]\n")
                        .append("        labels:\n");
                new TreeMap<>(t.labels()).forEach((k, v) ->
                        y.append("          ").append(k).append(": ").append(quote(v)).append('\n'));
            }
        });
        return y.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("prometheus exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Pause.millis(200);
        }
        throw new AssertionError("prometheus not ready after " + timeout.toSeconds() + " s:\n" + logTail());
    }

    /** Waits until every configured target has been scraped successfully (health "up"). */
    void awaitTargetsUp(int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode targets = null;
        while (System.nanoTime() < deadline) {
            targets = api("/api/v1/targets?state=active").path("activeTargets");
            int up = 0;
            for (JsonNode t : targets) {
                up += "up".equals(t.path("health").asText()) ? 1 : 0;
            }
            if (targets.size() == expected && up == expected) {
                return;
            }
            Pause.millis(500);
        }
        throw new AssertionError("not every target is up after " + timeout.toSeconds() + " s: " + targets);
    }

    /** /api/v1/query at {@code time}; the {@code data} object ({@code resultType}, {@code result}). */
    JsonNode query(String expr, Instant time) {
        return api("/api/v1/query?query=" + encode(expr) + "&time=" + seconds(time));
    }

    /** /api/v1/query_range; the {@code data} object, resultType "matrix". */
    JsonNode queryRange(String expr, Instant start, Instant end, Duration step) {
        return api("/api/v1/query_range?query=" + encode(expr) + "&start=" + seconds(start) + "&end=" + seconds(end)
                + "&step=" + step.toMillis() / 1000.0);
    }

    /** What Grafana's {@code label_values(metric, label)} asks: /api/v1/label/<label>/values?match[]=metric. */
    List<String> labelValues(String label, String match) {
        JsonNode data = api("/api/v1/label/" + label + "/values?match[]=" + encode(match));
        List<String> values = new ArrayList<>();
        data.forEach(v -> values.add(v.asText()));
        return values;
    }

    /**
     * GET an API path; returns its {@code data}. A query Prometheus rejects (a parse error, an unknown function,
     * a bad duration) answers {@code status: "error"} and fails here with Prometheus' own words.
     */
    private JsonNode api(String pathAndQuery) {
        try {
            HttpResponse<String> r = get(pathAndQuery);
            JsonNode body = JSON.readTree(r.body());
            if (r.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
                throw new AssertionError("prometheus " + pathAndQuery + " answered HTTP " + r.statusCode() + ": "
                        + body.path("errorType").asText() + ": " + body.path("error").asText());
            }
            return body.path("data");
        } catch (IOException e) {
            throw new AssertionError("prometheus " + pathAndQuery + ": " + e + "\n" + logTail(), e);
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).timeout(Duration.ofSeconds(30))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String seconds(Instant t) {
        return String.format(Locale.ROOT, "%.3f", t.toEpochMilli() / 1000.0);
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
