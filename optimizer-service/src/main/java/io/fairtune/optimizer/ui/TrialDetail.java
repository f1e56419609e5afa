package io.fairtune.optimizer.ui;

import io.fairtune.optimizer.api.TrialView;
import io.fairtune.optimizer.domain.Trial;
import java.util.List;

/**
 * One trial with its per-group metrics for the fairness bars.
 *
 * @param minAuc worst-group AUC with the evaluator's bootstrap interval ({@code min_auc.ci_low/ci_high})
 * @param aucGap AUC gap with its bootstrap interval
 */
public record TrialDetail(TrialView trial, Integer seedIndex, List<GroupMetrics> groups, GroupMetrics.Estimate minAuc,
                          GroupMetrics.Estimate aucGap) {

    static TrialDetail of(String sensitiveAttribute, Trial t) {
        var m = t.metrics();
        return new TrialDetail(TrialView.of(t), t.seedIndex, GroupMetrics.of(sensitiveAttribute, m),
                new GroupMetrics.Estimate(m.get("min_auc"), m.get("min_auc.ci_low"), m.get("min_auc.ci_high")),
                new GroupMetrics.Estimate(m.get("auc_gap"), m.get("auc_gap.ci_low"), m.get("auc_gap.ci_high")));
    }
}
