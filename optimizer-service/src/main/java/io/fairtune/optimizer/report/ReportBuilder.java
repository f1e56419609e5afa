package io.fairtune.optimizer.report;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.metrics.Summary;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.domain.StudyState;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.optimizer.domain.TrialState;
import io.fairtune.optimizer.domain.WinnerSelection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the final-phase report from the stored trials. */
public final class ReportBuilder {

    /** Shown first when present; every other metric the evaluator sent follows. */
    public static final List<String> KEY_METRICS = List.of("overall.auc", "min_auc", "auc_gap", "eodds_diff");

    private ReportBuilder() {
    }

    /** @param trials all trials of the study, by number */
    public static StudyReport build(Study study, List<Trial> trials) {
        StudySpec spec = study.spec();
        Trial best = WinnerSelection.winner(spec, trials);
        StudyReport.BestTrial bestTrial = best == null ? null : new StudyReport.BestTrial(best.id, best.number,
                best.mask, best.learningRate, best.objectives(), new TreeMap<>(best.metrics()),
                Caveats.of(best.metrics()));
        Map<String, List<Trial>> byArm = new LinkedHashMap<>();
        int counted = 0;
        List<StudyReport.DivergedTrial> diverged = new ArrayList<>();
        for (Trial t : trials) {
            if (t.phase == TrialPhase.FINAL) {
                byArm.computeIfAbsent(t.arm, a -> new ArrayList<>()).add(t);
            } else if (t.phase == TrialPhase.SEARCH && t.state.terminal()) {
                counted++;
            }
            t.divergence().ifPresent(d -> diverged.add(new StudyReport.DivergedTrial(t.number, t.phase.name(),
                    t.label, t.mask, d)));
        }
        List<StudyReport.Arm> arms = new ArrayList<>();
        for (Map.Entry<String, List<Trial>> e : byArm.entrySet()) {
            arms.add(arm(spec, e.getKey(), e.getValue()));
        }
        List<String> keys = new ArrayList<>(KEY_METRICS);
        return new StudyReport(study.id, study.name, study.state.name(), study.state == StudyState.COMPLETED,
                spec.objectives(), bestTrial, counted, spec.trialBudget(), arms, keys,
                WinnersCurseReport.of(spec, best, trials, arms), diverged);
    }

    private static StudyReport.Arm arm(StudySpec spec, String arm, List<Trial> trials) {
        Map<String, List<Double>> objectives = new LinkedHashMap<>();
        Map<String, List<Double>> metrics = new TreeMap<>();
        int scored = 0;
        int failed = 0;
        for (Trial t : trials) {
            if (t.state == TrialState.FAILED) {
                failed++;
            }
            if (t.state != TrialState.COMPLETE) {
                continue;
            }
            scored++;
            List<Double> values = t.objectives();
            for (int i = 0; i < spec.objectives().size(); i++) {
                Double v = values != null && i < values.size() ? values.get(i) : null;
                List<Double> list = objectives.computeIfAbsent(spec.objectives().get(i), k -> new ArrayList<>());
                if (v != null && !v.isNaN()) {
                    list.add(v);
                }
            }
            t.metrics().forEach((k, v) -> {
                if (v != null && !v.isNaN()) {
                    metrics.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
                }
            });
        }
        Map<String, Summary> objectiveSummaries = new LinkedHashMap<>();
        objectives.forEach((k, v) -> objectiveSummaries.put(k, Summary.of(v)));
        Map<String, Summary> metricSummaries = new LinkedHashMap<>();
        for (String key : KEY_METRICS) {
            if (metrics.containsKey(key)) {
                metricSummaries.put(key, Summary.of(metrics.remove(key)));
            }
        }
        metrics.forEach((k, v) -> metricSummaries.put(k, Summary.of(v)));
        Trial first = trials.get(0);
        Map<String, Double> means = new TreeMap<>();
        metricSummaries.forEach((k, v) -> means.put(k, v.mean()));
        return new StudyReport.Arm(arm, first.mask, first.learningRate, scored, failed, objectiveSummaries,
                metricSummaries, Caveats.of(means));
    }
}
