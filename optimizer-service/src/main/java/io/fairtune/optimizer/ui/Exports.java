package io.fairtune.optimizer.ui;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.metrics.Summary;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.domain.Trial;
import io.fairtune.optimizer.report.StudyReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The dashboard's two tables as exported: every trial, and the final phase (each arm per seed, mean and CI). */
final class Exports {

    static final String MEAN = "mean";
    static final String CI95 = "95% CI ±";

    private Exports() {
    }

    static ExportTable trials(StudySpec spec, List<Trial> trials) {
        int epochs = 0;
        for (Trial t : trials) {
            for (int epoch : t.intermediate().keySet()) {
                epochs = Math.max(epochs, epoch);
            }
        }
        List<String> columns = new ArrayList<>(List.of("Trial", "Phase", "Arm", "Seed", "State", "Mask",
                "Learning rate"));
        for (String objective : spec.objectives()) {
            columns.add("Objective " + objective);
        }
        columns.addAll(MetricKeys.COLUMNS.values());
        for (int e = 1; e <= epochs; e++) {
            columns.add("Epoch " + e + " value");
        }
        columns.addAll(List.of("Attempts", "Trainer", "Pruned/failed reason"));
        ExportTable table = new ExportTable(columns);
        for (Trial t : trials) {
            List<Object> row = new ArrayList<>(List.of(t.number, t.phase.name(), nullToEmpty(t.arm),
                    t.seedIndex == null ? "" : t.seedIndex, t.state.name(), t.mask, t.learningRate));
            List<Double> objectives = t.objectives();
            for (int i = 0; i < spec.objectives().size(); i++) {
                row.add(objectives != null && i < objectives.size() ? objectives.get(i) : null);
            }
            Map<String, Double> metrics = t.metrics();
            MetricKeys.COLUMNS.keySet().forEach(k -> row.add(metrics.get(k)));
            Map<Integer, Double> byEpoch = t.intermediate();
            for (int e = 1; e <= epochs; e++) {
                row.add(byEpoch.get(e));
            }
            row.add(t.attempt);
            row.add(t.trainerId);
            row.add(t.failureReason);
            table.add(row);
        }
        return table;
    }

    /** Per arm: one row per seed (test split), then its mean and the 95 % half-width (Student t) over seeds. */
    static ExportTable finalPhase(List<Trial> trials, StudyReport report) {
        List<String> columns = new ArrayList<>(List.of("Arm", "Seed", "Trial", "State", "Mask", "Learning rate"));
        columns.addAll(MetricKeys.COLUMNS.values());
        ExportTable table = new ExportTable(columns);
        for (StudyReport.Arm arm : report.arms()) {
            for (Trial t : trials) {
                if (t.phase != TrialPhase.FINAL || !arm.arm().equals(t.arm)) {
                    continue;
                }
                List<Object> row = new ArrayList<>(List.of(arm.arm(), t.seedIndex == null ? "" : t.seedIndex,
                        t.number, t.state.name(), t.mask, t.learningRate));
                Map<String, Double> metrics = t.metrics();
                MetricKeys.COLUMNS.keySet().forEach(k -> row.add(metrics.get(k)));
                table.add(row);
            }
            table.add(summaryRow(arm, MEAN, true));
            table.add(summaryRow(arm, CI95, false));
        }
        return table;
    }

    private static List<Object> summaryRow(StudyReport.Arm arm, String label, boolean mean) {
        List<Object> row = new ArrayList<>(List.of(arm.arm(), label, "", "", arm.mask(), arm.learningRate()));
        for (String key : MetricKeys.COLUMNS.keySet()) {
            Summary s = arm.metrics().get(key);
            row.add(s == null ? null : mean ? s.mean() : s.ci95());
        }
        return row;
    }

    /** List.of (which builds the fixed cells) refuses null. */
    private static Object nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
