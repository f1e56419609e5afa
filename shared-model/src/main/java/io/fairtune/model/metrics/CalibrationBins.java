package io.fairtune.model.metrics;

/**
 * Reliability-diagram bins for the expected calibration error. Confidence is the positive-class score s
 * (not the top-label confidence), accuracy is the fraction of positives in the bin, and the 10 bins are
 * equal-width on [0, 1] with edges and membership exactly as scikit-learn's
 * {@code calibration_curve(strategy="uniform", n_bins=10)}: edges {@code k * 0.1} (numpy linspace),
 * bin k holds {@code edge[k] < s <= edge[k+1]} (numpy's searchsorted, side left, puts a score equal to an
 * edge in the lower bin), s = 0 falls in the first bin.
 * ECE = Σ_k (n_k / n) · |mean(s)_k − mean(y)_k|. Bins are additive, so a group's bins sum to the overall ones.
 */
final class CalibrationBins {

    static final int BINS = 10;
    private static final double[] EDGES = new double[BINS + 1];

    static {
        for (int k = 0; k <= BINS; k++) {
            EDGES[k] = k * (1.0 / BINS);
        }
        EDGES[BINS] = 1.0;
    }

    final long[] count = new long[BINS];
    final long[] positives = new long[BINS];
    final double[] scoreSum = new double[BINS];

    /** {@code np.searchsorted(edges[1:-1], s)}: the number of inner edges strictly below s. */
    static int binOf(double s) {
        int b = 0;
        while (b < BINS - 1 && EDGES[b + 1] < s) {
            b++;
        }
        return b;
    }

    void add(double s, int label) {
        int b = binOf(s);
        count[b]++;
        positives[b] += label;
        scoreSum[b] += s;
    }

    void addAll(CalibrationBins other) {
        for (int b = 0; b < BINS; b++) {
            count[b] += other.count[b];
            positives[b] += other.positives[b];
            scoreSum[b] += other.scoreSum[b];
        }
    }

    double ece() {
        long n = 0;
        for (long c : count) {
            n += c;
        }
        if (n == 0) {
            return 0;
        }
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                ece += Math.abs(scoreSum[b] / count[b] - positives[b] / (double) count[b]) * count[b];
            }
        }
        return ece / n;
    }
}
