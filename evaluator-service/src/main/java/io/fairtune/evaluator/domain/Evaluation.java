package io.fairtune.evaluator.domain;

import java.util.List;
import java.util.Map;

/**
 * The numbers of one scored attempt.
 *
 * @param objectives       in the order of the study's objectives; null where undefined
 * @param metrics          flat map as in TrialScored.metrics
 * @param undefinedAuc     per attribute, the groups whose AUC is undefined (one class only)
 */
public record Evaluation(double threshold, int sampleCount, List<Double> objectives, Map<String, Double> metrics,
                         Map<String, List<String>> undefinedAuc) {
}
