package io.fairtune.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the rendered topic-provisioning Job's container command with bash, with the environment the
 * pod would get: the ConfigMap, the literal env entries (with $(VAR) expanded as the kubelet does) and
 * stand-ins for the Secret-backed variables.
 */
final class JobScript {

    private static final Pattern KUBELET_VAR = Pattern.compile("\\$\\(([A-Z_]+)\\)");

    record Result(int exit, String output) {
    }

    private JobScript() {
    }

    static JsonNode container(RenderedChart chart) {
        List<JsonNode> jobs = chart.ofKind("Job");
        if (jobs.size() != 1) {
            throw new AssertionError("expected one Job in " + chart.name() + ", found " + jobs.size());
        }
        return jobs.get(0).at("/spec/template/spec/containers/0");
    }

    static Result run(RenderedChart chart, Map<String, String> secretEnv, Map<String, String> overrides, Path workDir)
            throws IOException, InterruptedException {
        JsonNode container = container(chart);
        Map<String, String> env = new HashMap<>();
        chart.config().fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        env.putAll(secretEnv);
        for (JsonNode e : container.path("env")) {
            if (e.has("value")) {
                env.put(e.path("name").asText(), expand(e.path("value").asText(), env));
            }
        }
        env.put("TMPDIR", workDir.toString());
        env.putAll(overrides);

        List<String> command = new ArrayList<>();
        container.path("command").forEach(c -> command.add(c.asText()));
        container.path("args").forEach(a -> command.add(a.asText()));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, output + "\n(timed out)");
        }
        return new Result(p.exitValue(), output);
    }

    static String expand(String value, Map<String, String> env) {
        Matcher m = KUBELET_VAR.matcher(value);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(env.getOrDefault(m.group(1), m.group(0))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
