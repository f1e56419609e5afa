package io.fairtune.model.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The evaluator's verdict. {@code objectives} follows the order of the study's objectives; an entry is
 * null when the objective is undefined (e.g. every group lacks a class) and the optimizer then treats
 * the trial by the documented rule instead of poisoning the sampler with NaN.
 *
 * @param metrics flat map of every metric computed, e.g. "overall.auc", "group.female.auc", "auc_gap"
 */
public record TrialScored(
        int schemaVersion,
        String studyId,
        String trialId,
        int attempt,
        TrialPhase phase,
        String split,
        List<Double> objectives,
        Map<String, Double> metrics,
        Instant scoredAt) implements TrialEvent {

    public TrialScored {
        objectives = objectives == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(objectives));
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics));
    }
}
