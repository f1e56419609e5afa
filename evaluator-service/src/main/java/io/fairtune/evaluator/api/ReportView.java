package io.fairtune.evaluator.api;

import io.fairtune.evaluator.domain.MetricReport;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * A stored report. {@code objectives} pairs with {@code objectiveIds}; an undefined objective is null.
 * {@code metrics} leaves undefined values out; {@code undefinedAucGroups} lists, per attribute, the groups whose
 * AUC is undefined because they hold one class only.
 */
public record ReportView(
        String trialId,
        int attempt,
        String studyId,
        String phase,
        String split,
        String outcome,
        String reason,
        String sensitiveAttribute,
        Double threshold,
        int sampleCount,
        List<String> objectiveIds,
        List<Double> objectives,
        Map<String, Double> metrics,
        Map<String, List<String>> undefinedAucGroups,
        OffsetDateTime scoredAt) {

    static ReportView of(MetricReport r) {
        return new ReportView(r.trialId, r.attempt, r.studyId, r.phase.name(), r.split, r.outcome.name(), r.reason,
                r.sensitiveAttribute, r.threshold, r.sampleCount, r.objectiveIdList(), r.objectives(), r.metrics(),
                r.undefinedAuc(), r.scoredAt);
    }
}
