package io.fairtune.optimizer.ui;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.model.events.Divergence;
import io.fairtune.optimizer.report.StudyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The study page's data in one answer: header, every trial compactly, per-bit effects and the final phase. The REST
 * API pages trials at 500 and sends every metric of every trial (tens of keys each), which at 5,000 trials is ten
 * requests and megabytes the charts never use; and each of /studies/{id}, /report reads all trials again.
 * Per-group metrics of one trial come from {@code /ui/api/studies/{id}/trials/{number}}.
 *
 * @param bitNames   the component each mask bit unfreezes, index = bit
 * @param bitEffects per objective, in the study's order: what each bit does to it
 * @param finalArms  the final phase as {@code /studies/{id}/report} gives it (empty before it starts); one answer
 *                   instead of three keeps a 5,000-trial study from being read four times for one page load
 */
public record TrialTable(StudyHeader study, List<ObjectiveInfo> objectives,
                         List<String> bitNames, List<Row> trials, List<BitEffects> bitEffects,
                         List<StudyReport.Arm> finalArms) {

    public record ObjectiveInfo(String id, String direction) {
    }

    /**
     * One trial; absent fields are null (left out to keep 5,000 rows small). {@code minAuc}, {@code aucGap}, {@code eqOdd}, {@code overallAuc} are the evaluator's
     * {@code min_auc}, {@code auc_gap}, {@code eodds_diff}, {@code overall.auc} (null when not scored or undefined);
     * {@code divergence} is where training diverged, for a trial that failed for that reason.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Row(int number, String phase, String arm, Integer seedIndex, String state, String mask,
                      double learningRate, List<Double> objectives, Double overallAuc, Double minAuc, Double aucGap,
                      Double eqOdd, Map<Integer, Double> intermediate, String failureReason, Divergence divergence,
                      int attempt, String trainerId) {

        static Row of(Trial t) {
            Map<String, Double> m = t.metrics();
            return new Row(t.number, t.phase.name(), t.arm, t.seedIndex, t.state.name(), t.mask, t.learningRate,
                    t.objectives(), m.get(MetricKeys.OVERALL_AUC), m.get(MetricKeys.MIN_AUC),
                    m.get(MetricKeys.AUC_GAP), m.get(MetricKeys.EQ_ODD), t.intermediate(), t.failureReason,
                    t.divergence().orElse(null), t.attempt, t.trainerId);
        }
    }

    static TrialTable of(Study study, List<Trial> trials, List<BitEffects> bitEffects,
                         List<StudyReport.Arm> finalArms) {
        List<Row> rows = new ArrayList<>(trials.size());
        for (Trial t : trials) {
            rows.add(Row.of(t));
        }
        return new TrialTable(StudyHeader.of(study, trials), objectives(study.spec()),
                BitNames.of(study.spec()), rows, bitEffects, finalArms);
    }

    static List<ObjectiveInfo> objectives(StudySpec spec) {
        return spec.objectiveList().stream().map(TrialTable::info).toList();
    }

    private static ObjectiveInfo info(Objective o) {
        return new ObjectiveInfo(o.id(), o.direction().name().toLowerCase(java.util.Locale.ROOT));
    }
}
