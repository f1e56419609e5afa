package io.fairtune.launcher.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A snapshot of a study (the optimizer's StudyView) for the progress bar. */
public record StudyProgress(String id, String state, int budget, long counted, long inFlight, long failed,
                            long pruned, long reevaluationTrials, long reevaluationDone, long finalTrials,
                            long finalDone, Double bestObjective) {

    private static final Set<String> DONE = Set.of("COMPLETE", "FAILED", "PRUNED");
    private static final Set<String> TERMINAL_STUDY = Set.of("COMPLETED", "CANCELLED", "FAILED");

    public static StudyProgress of(JsonNode study) {
        long[] reevaluation = counts(study.path("reevaluationTrials"));
        long[] fin = counts(study.path("finalTrials"));
        JsonNode best = study.path("bestObjective");
        return new StudyProgress(study.path("id").asText(), study.path("state").asText(),
                study.path("trialBudget").asInt(), study.path("counted").asLong(), study.path("inFlight").asLong(),
                study.path("failed").asLong(), study.path("pruned").asLong(), reevaluation[0], reevaluation[1], fin[0],
                fin[1], best.isNumber() ? best.asDouble() : null);
    }

    /** {all, done} of a phase's trials by state. */
    private static long[] counts(JsonNode byState) {
        long[] c = new long[2];
        for (Iterator<Map.Entry<String, JsonNode>> it = byState.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            c[0] += e.getValue().asLong();
            if (DONE.contains(e.getKey())) {
                c[1] += e.getValue().asLong();
            }
        }
        return c;
    }

    public boolean finished() {
        return TERMINAL_STUDY.contains(state);
    }

    /** One line: a bar over the budget, counts, the best objective, then the final phase. */
    public String render(String objectiveName) {
        int width = 30;
        int filled = budget == 0 ? 0 : (int) Math.min(width, counted * width / budget);
        StringBuilder sb = new StringBuilder("[");
        sb.append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
        sb.append(counted).append('/').append(budget).append(" trials, ").append(inFlight).append(" in flight, ")
                .append(failed).append(" failed, ").append(pruned).append(" pruned");
        if (bestObjective != null) {
            sb.append(String.format(Locale.ROOT, ", best %s %.4f", objectiveName, bestObjective));
        }
        if (reevaluationTrials > 0) {
            sb.append(", re-evaluation ").append(reevaluationDone).append('/').append(reevaluationTrials);
        }
        if (finalTrials > 0) {
            sb.append(", final phase ").append(finalDone).append('/').append(finalTrials);
        }
        return sb.append("  ").append(state).toString();
    }
}
