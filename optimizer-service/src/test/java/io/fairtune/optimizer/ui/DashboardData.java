package io.fairtune.optimizer.ui;

import io.fairtune.optimizer.support.Synthetic;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a trainer and evaluator would report for a mask, deterministically: the objective from {@link Synthetic},
 * plus the per-group counts and rates and the bootstrap interval keys the evaluator sends.
 */
final class DashboardData {

    private DashboardData() {
    }

    static Map<String, Double> metrics(String mask, long seed) {
        double minAuc = Synthetic.minAuc(mask) + Math.floorMod(seed, 7) * 0.001;
        double gap = 0.02 + 0.3 * (minAuc - 0.5);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("threshold", 0.5);
        m.put("overall.auc", Math.min(1, minAuc + gap / 2));
        m.put("overall.accuracy", 0.7);
        group(m, "female", minAuc, 40, 12, 0.6, 0.2);
        group(m, "male", Math.min(1, minAuc + gap), 50, 15, 0.7, 0.15);
        m.put("min_auc", minAuc);
        m.put("auc_gap", gap);
        m.put("eodds_diff", 0.1);
        m.put("min_auc.ci_low", minAuc - 0.05);
        m.put("min_auc.ci_high", Math.min(1, minAuc + 0.04));
        m.put("auc_gap.ci_low", Math.max(0, gap - 0.03));
        m.put("auc_gap.ci_high", gap + 0.03);
        m.put("attr.age_group.group.young.auc", 0.8);
        m.put("attr.age_group.group.young.positives", 10.0);
        m.put("attr.age_group.group.young.negatives", 20.0);
        m.put("attr.age_group.group.young.count", 30.0);
        return m;
    }

    private static void group(Map<String, Double> m, String g, double auc, int count, int positives, double tpr,
                              double fpr) {
        String p = "group." + g + ".";
        m.put(p + "count", (double) count);
        m.put(p + "positives", (double) positives);
        m.put(p + "negatives", (double) (count - positives));
        m.put(p + "auc", auc);
        m.put(p + "tpr", tpr);
        m.put(p + "fpr", fpr);
    }

    /** The study's objectives, by id, from the metrics (objective ids name metrics, overall_auc = overall.auc). */
    static List<Double> objectives(List<String> ids, Map<String, Double> metrics) {
        return Arrays.asList(ids.stream().map(id -> metrics.get(id.equals("overall_auc") ? "overall.auc" : id))
                .toArray(Double[]::new));
    }
}
