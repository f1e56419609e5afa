package io.fairtune.optimizer.ui;

import io.fairtune.model.metrics.AucInterval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-group AUC, TPR and FPR of one trial with 95 % intervals, read from the evaluator's flat metrics
 * ({@code group.<value>.<metric>}, report-only attributes under {@code attr.<name>.group.<value>.<metric>}).
 *
 * <p>The evaluator bootstraps only the worst-group AUC and the AUC gap; per group it sends counts, so the
 * intervals here are analytic from those counts: Hanley–McNeil for AUC, Wilson score for TPR (over positives)
 * and FPR (over negatives).
 *
 * @param attribute the sensitive attribute ({@code sensitiveAttribute}, or a report attribute's name)
 */
public record GroupMetrics(String attribute, String group, Double count, Double positives, Double negatives,
                           Estimate auc, Estimate tpr, Estimate fpr) {

    private static final double Z = AucInterval.Z975;

    /** A value and its 95 % interval; all null when the metric is undefined for the group. */
    public record Estimate(Double value, Double low, Double high) {
        static final Estimate UNDEFINED = new Estimate(null, null, null);
    }

    static List<GroupMetrics> of(String sensitiveAttribute, Map<String, Double> metrics) {
        Map<String, Map<String, Map<String, Double>>> byAttribute = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : metrics.entrySet()) {
            String key = e.getKey();
            String attribute = sensitiveAttribute;
            if (key.startsWith("attr.")) {
                int at = key.indexOf(".group.");
                if (at < 0) {
                    continue;
                }
                attribute = key.substring("attr.".length(), at);
                key = key.substring(at + 1);
            }
            if (!key.startsWith("group.")) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            String group = key.substring("group.".length(), dot);
            byAttribute.computeIfAbsent(attribute, a -> new LinkedHashMap<>())
                    .computeIfAbsent(group, g -> new LinkedHashMap<>()).put(key.substring(dot + 1), e.getValue());
        }
        List<GroupMetrics> out = new ArrayList<>();
        byAttribute.forEach((attribute, groups) -> groups.forEach((group, m) -> {
            Double pos = m.get("positives");
            Double neg = m.get("negatives");
            out.add(new GroupMetrics(attribute, group, m.get("count"), pos, neg, auc(m.get("auc"), pos, neg),
                    wilson(m.get("tpr"), pos), wilson(m.get("fpr"), neg)));
        }));
        return out;
    }

    /** Hanley & McNeil (1982) standard error of an AUC from its class counts; the interval is clipped to [0, 1]. */
    static Estimate auc(Double a, Double positives, Double negatives) {
        if (a == null) {
            return Estimate.UNDEFINED;
        }
        return AucInterval.hanleyMcNeil(a, positives, negatives).map(ci -> new Estimate(a, ci[0], ci[1]))
                .orElse(new Estimate(a, null, null));
    }

    /** Wilson score interval of a proportion {@code p} observed over {@code n} trials. */
    static Estimate wilson(Double p, Double n) {
        if (p == null) {
            return Estimate.UNDEFINED;
        }
        if (n == null || n < 1) {
            return new Estimate(p, null, null);
        }
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Estimate(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }
}
