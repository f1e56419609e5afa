package io.fairtune.optimizer.report;

import java.util.List;
import java.util.Map;

/**
 * The final-phase table. {@code complete} is false while the study has not COMPLETED (the table then holds
 * what is scored so far).
 *
 * @param best        the search winner: mask, searched lr, validation objectives and metrics (one seed)
 * @param arms        one row per arm (best mask, each baseline), metrics over seeds on test
 * @param keyMetrics  the metric keys a table shows first, when the evaluator reported them
 */
public record StudyReport(String studyId, String name, String state, boolean complete, List<String> objectives,
                          BestTrial best, int searchTrialsCounted, int trialBudget, List<Arm> arms,
                          List<String> keyMetrics) {

    /** @param validationMetrics every metric the evaluator reported for the winner on the validation split */
    public record BestTrial(String trialId, int number, String mask, double learningRate,
                            List<Double> validationObjectives, Map<String, Double> validationMetrics) {
    }

    /**
     * @param objectives test objectives over seeds, by objective id (undefined values are left out, so n may
     *                   be smaller than {@code seedsScored})
     * @param metrics    every metric the evaluator reported, over seeds
     */
    public record Arm(String arm, String mask, double learningRate, int seedsScored, int seedsFailed,
                      Map<String, Summary> objectives, Map<String, Summary> metrics) {
    }
}
