package io.fairtune.launcher.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one replicate produced, read from the two studies' trials (the optimizer's TrialView JSON): every arm's
 * test metrics per final-phase seed, and the trainer time each arm cost.
 */
public record ReplicateResult(String attribute, int replicate, long studySeed,
                              Map<Long, Map<String, Map<String, Double>>> testBySeed, Map<String, ArmCost> cost) {

    public static final String ARM_SEARCHED = "searched";
    public static final String ARM_RANDOM = "random";
    public static final String ARM_FULL = "full";
    public static final String ARM_LINEAR = "linear-readout";
    public static final List<String> ARMS = List.of(ARM_SEARCHED, ARM_RANDOM, ARM_FULL, ARM_LINEAR);

    /**
     * Trainer time of an arm: its search and re-evaluation trials (for the two searches) and its final-phase trials,
     * as the sum of each trial's started → finished time (what a trainer spent on it, pruned trials included).
     */
    public record ArmCost(int trials, double searchSeconds, double finalSeconds) {
        ArmCost plus(boolean search, double seconds) {
            return new ArmCost(trials + 1, searchSeconds + (search ? seconds : 0), finalSeconds + (search ? 0 : seconds));
        }

        public double totalSeconds() {
            return searchSeconds + finalSeconds;
        }
    }

    /** @param searched trials of the TPE study; @param random trials of the random-search study */
    public static ReplicateResult of(String attribute, int replicate, long studySeed, List<JsonNode> searched,
                                     List<JsonNode> random) {
        Map<Long, Map<String, Map<String, Double>>> bySeed = new TreeMap<>();
        Map<String, ArmCost> cost = new LinkedHashMap<>();
        ARMS.forEach(a -> cost.put(a, new ArmCost(0, 0, 0)));
        collect(searched, true, bySeed, cost);
        collect(random, false, bySeed, cost);
        return new ReplicateResult(attribute, replicate, studySeed, bySeed, cost);
    }

    private static void collect(List<JsonNode> trials, boolean tpe, Map<Long, Map<String, Map<String, Double>>> bySeed,
                                Map<String, ArmCost> cost) {
        for (JsonNode t : trials) {
            String phase = t.path("phase").asText();
            String arm = "FINAL".equals(phase) ? finalArm(t.path("arm").asText(), tpe) : tpe ? ARM_SEARCHED : ARM_RANDOM;
            if (arm == null) {
                continue;
            }
            cost.computeIfPresent(arm, (k, c) -> c.plus(!"FINAL".equals(phase), seconds(t)));
            if ("FINAL".equals(phase) && "COMPLETE".equals(t.path("state").asText())) {
                Map<String, Double> metrics = new TreeMap<>();
                t.path("metrics").fields().forEachRemaining(e -> {
                    if (e.getValue().isNumber()) {
                        metrics.put(e.getKey(), e.getValue().asDouble());
                    }
                });
                bySeed.computeIfAbsent(t.path("seed").asLong(), k -> new LinkedHashMap<>()).put(arm, metrics);
            }
        }
    }

    /** The benchmark arm of a final-phase trial: the winner is "searched" or "random" by its study. */
    private static String finalArm(String arm, boolean tpe) {
        return switch (arm) {
            case "best" -> tpe ? ARM_SEARCHED : ARM_RANDOM;
            case "baseline:full" -> ARM_FULL;
            case "baseline:linear-readout" -> ARM_LINEAR;
            default -> null;
        };
    }

    private static double seconds(JsonNode t) {
        JsonNode started = t.path("startedAt");
        JsonNode finished = t.path("finishedAt");
        if (!started.isTextual() || !finished.isTextual()) {
            return 0;
        }
        return Duration.between(Instant.parse(started.asText()), Instant.parse(finished.asText())).toMillis() / 1e3;
    }

    /** Each final seed's value of {@code metric} for every arm that has it. */
    public List<Map<String, Double>> valuesPerSeed(String metric) {
        List<Map<String, Double>> out = new ArrayList<>();
        for (Map<String, Map<String, Double>> arms : testBySeed.values()) {
            Map<String, Double> v = new LinkedHashMap<>();
            arms.forEach((arm, metrics) -> {
                Double x = metrics.get(metric);
                if (x != null && !x.isNaN()) {
                    v.put(arm, x);
                }
            });
            out.add(v);
        }
        return out;
    }
}
