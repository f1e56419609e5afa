package io.fairtune.trainer.domain;

import io.fairtune.model.metrics.Bootstrap;
import io.fairtune.model.metrics.FairnessMetrics;
import io.fairtune.model.metrics.FairnessReport;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.ThresholdRule;
import io.fairtune.trainer.data.ImageSplit;

/**
 * The study's first objective on the validation split after an epoch, for pruners: the same shared metric
 * code and threshold rule the evaluator uses, without bootstrap intervals (an early signal, not the score).
 */
public final class ValidationObjective {

    private ValidationObjective() {
    }

    /** null when the objective is undefined (e.g. a group without one of the classes) or not configured. */
    static Double compute(EvaluationSpec evaluation, ImageSplit val, double[] scores) {
        return compute(evaluation, val.labels(), val.groups(evaluation.sensitiveAttribute()), scores);
    }

    /** The same on labels and groups read straight from the manifest (the load generator has no images). */
    public static Double compute(EvaluationSpec evaluation, int[] labels, String[] groups, double[] scores) {
        if (evaluation.objectives().isEmpty()) {
            return null;
        }
        Objective objective = Objective.byId(evaluation.objectives().get(0)).orElse(null);
        if (objective == null) {
            return null;
        }
        ThresholdRule rule = ThresholdRule.of(evaluation.threshold()).orElse(null);
        if (rule == null) {
            // the evaluator fails such a trial; an early signal under another rule would mislead the pruner
            return null;
        }
        FairnessReport report = FairnessMetrics.compute(rule, labels, scores, groups, Bootstrap.NONE);
        return report.objective(objective);
    }
}
