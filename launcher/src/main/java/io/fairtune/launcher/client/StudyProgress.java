package io.fairtune.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/** A snapshot of a study for the progress bar: trials by state and the best objective so far. */
public record StudyProgress(String id, String state, int budget, Map<String, Integer> searchTrialsByState,
                            int finalTrials, int finalDone, Double bestObjective) {

    private static final java.util.Set<String> DONE = java.util.Set.of("COMPLETE", "FAILED", "PRUNED");
    private static final java.util.Set<String> IN_FLIGHT = java.util.Set.of("PROPOSED", "RUNNING", "STALE");

    public static StudyProgress of(JsonNode study, JsonNode trialsPage) {
        Map<String, Integer> byState = new HashMap<>();
        int finalTrials = 0;
        int finalDone = 0;
        for (JsonNode t : items(trialsPage)) {
            String state = t.path("state").asText();
            if ("FINAL".equals(t.path("phase").asText())) {
                finalTrials++;
                if (DONE.contains(state)) {
                    finalDone++;
                }
            } else {
                byState.merge(state, 1, Integer::sum);
            }
        }
        JsonNode best = study.path("bestObjective");
        return new StudyProgress(study.path("id").asText(), study.path("state").asText(),
                study.path("spec").path("trialBudget").asInt(study.path("trialBudget").asInt()), byState,
                finalTrials, finalDone, best.isNumber() ? best.asDouble() : null);
    }

    /** The trials endpoint answers a page object; its first array field holds the trials. */
    static Iterable<JsonNode> items(JsonNode page) {
        if (page.isArray()) {
            return page;
        }
        for (String field : new String[] {"items", "trials", "content", "data"}) {
            if (page.path(field).isArray()) {
                return page.path(field);
            }
        }
        return java.util.List.of();
    }

    public int done() {
        return searchTrialsByState.entrySet().stream().filter(e -> DONE.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    public int inFlight() {
        return searchTrialsByState.entrySet().stream().filter(e -> IN_FLIGHT.contains(e.getKey()))
                .mapToInt(Map.Entry::getValue).sum();
    }

    public int failed() {
        return searchTrialsByState.getOrDefault("FAILED", 0);
    }

    public boolean finished() {
        return state.equals("COMPLETED") || state.equals("CANCELLED") || state.equals("FAILED");
    }

    /** One line: a bar over the budget, counts, the best objective, then the final phase. */
    public String render(String objectiveName) {
        int width = 30;
        int filled = budget == 0 ? 0 : Math.min(width, done() * width / budget);
        StringBuilder sb = new StringBuilder("[");
        sb.append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
        sb.append(done()).append('/').append(budget).append(" done, ").append(inFlight()).append(" in flight, ")
                .append(failed()).append(" failed");
        if (bestObjective != null) {
            sb.append(String.format(java.util.Locale.ROOT, ", best %s %.4f", objectiveName, bestObjective));
        }
        if (finalTrials > 0) {
            sb.append(", final ").append(finalDone).append('/').append(finalTrials);
        }
        return sb.append("  ").append(state).toString();
    }
}
