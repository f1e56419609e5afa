package io.fairtune.model.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics of one group (or of the whole split) at one threshold. A prediction is positive when
 * {@code score >= threshold}. Rates whose denominator is zero are null, never NaN: {@code auc} needs both
 * classes, {@code tpr}/{@code fnr} need a positive, {@code fpr}/{@code tnr} need a negative.
 *
 * @param ece expected calibration error of the positive-class score, 10 equal-width bins (see {@link CalibrationBins})
 * @param bce mean binary cross-entropy, log terms clamped at -100 as torch.nn.BCELoss does
 */
public record GroupMetrics(
        long count,
        long positives,
        long truePositives,
        long falsePositives,
        Double auc,
        double accuracy,
        Double tpr,
        Double fpr,
        Double fnr,
        Double tnr,
        double selectionRate,
        double prevalence,
        double ece,
        double bce) {

    public long negatives() {
        return count - positives;
    }

    public boolean aucDefined() {
        return auc != null;
    }

    static GroupMetrics of(long count, long positives, long tp, long fp, Double auc, double ece, double bce) {
        long negatives = count - positives;
        long tn = negatives - fp;
        double n = count;
        return new GroupMetrics(count, positives, tp, fp, auc,
                count == 0 ? 0 : (tp + tn) / n,
                positives == 0 ? null : tp / (double) positives,
                negatives == 0 ? null : fp / (double) negatives,
                positives == 0 ? null : (positives - tp) / (double) positives,
                negatives == 0 ? null : tn / (double) negatives,
                count == 0 ? 0 : (tp + fp) / n,
                count == 0 ? 0 : positives / n,
                ece, bce);
    }

    /** Keys are {@code prefix + name}; undefined values are left out rather than written as NaN or null. */
    Map<String, Double> toFlatMap(String prefix) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(prefix + "count", (double) count);
        m.put(prefix + "positives", (double) positives);
        m.put(prefix + "negatives", (double) negatives());
        m.put(prefix + "prevalence", prevalence);
        putIfDefined(m, prefix + "auc", auc);
        m.put(prefix + "accuracy", accuracy);
        putIfDefined(m, prefix + "tpr", tpr);
        putIfDefined(m, prefix + "fpr", fpr);
        putIfDefined(m, prefix + "fnr", fnr);
        putIfDefined(m, prefix + "tnr", tnr);
        m.put(prefix + "selection_rate", selectionRate);
        m.put(prefix + "ece", ece);
        m.put(prefix + "bce", bce);
        return m;
    }

    static void putIfDefined(Map<String, Double> m, String key, Double value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
