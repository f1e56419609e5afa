package io.fairtune.model.study;

import java.util.List;

/**
 * How the evaluator turns predictions into the numbers the study optimises.
 *
 * @param sensitiveAttribute the manifest column that defines the groups of the objective
 * @param reportAttributes   further columns reported (never optimised), may be empty
 * @param objectives         one objective, or two for a multi-objective study
 * @param threshold          {@code fixed} (0.5) or {@code f1-optimal} (MEDFAIR)
 * @param bootstrapSamples   resamples for confidence intervals (0 disables them)
 * @param seed               seeds the bootstrap
 */
public record EvaluationSpec(String sensitiveAttribute, List<String> reportAttributes, List<String> objectives,
                             String threshold, int bootstrapSamples, long seed) {

    public static final String THRESHOLD_FIXED = "fixed";
    public static final String THRESHOLD_F1_OPTIMAL = "f1-optimal";

    public EvaluationSpec {
        reportAttributes = reportAttributes == null ? List.of() : List.copyOf(reportAttributes);
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
    }
}
