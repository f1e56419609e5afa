package io.fairtune.model.metrics;

import java.util.Optional;

/**
 * The analytic 95 % interval of an AUC from its class counts alone (Hanley &amp; McNeil, Radiology 143, 1982),
 * clipped to [0, 1]: what the dashboard and the report can compute from the evaluator's counts without the scores.
 */
public final class AucInterval {

    public static final double Z975 = 1.959963984540054;

    private AucInterval() {
    }

    /** [low, high], or empty when the AUC is undefined or a class is missing. */
    public static Optional<double[]> hanleyMcNeil(Double auc, Double positives, Double negatives) {
        if (auc == null || auc.isNaN() || positives == null || negatives == null || positives < 1 || negatives < 1) {
            return Optional.empty();
        }
        double a = auc;
        double q1 = a / (2 - a);
        double q2 = 2 * a * a / (1 + a);
        double variance = (a * (1 - a) + (positives - 1) * (q1 - a * a) + (negatives - 1) * (q2 - a * a))
                / (positives * negatives);
        double half = Z975 * Math.sqrt(Math.max(0, variance));
        return Optional.of(new double[] {Math.max(0, a - half), Math.min(1, a + half)});
    }
}
