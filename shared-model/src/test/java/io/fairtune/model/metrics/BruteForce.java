package io.fairtune.model.metrics;

/** Independent, deliberately naive references: O(n²) pairwise AUC and straight loops. */
final class BruteForce {

    private BruteForce() {
    }

    /** Fraction of (positive, negative) pairs ranked correctly, ties counting one half; NaN without a class. */
    static double pairwiseAuc(int[] labels, double[] scores, String[] groups, String group) {
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 1 || !in(groups, i, group)) {
                continue;
            }
            for (int j = 0; j < labels.length; j++) {
                if (labels[j] != 0 || !in(groups, j, group)) {
                    continue;
                }
                pairs++;
                sum += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** [count, tp, fp, tn, fn] of the samples of {@code group} (null = all) at {@code score >= t}. */
    static long[] confusion(int[] labels, double[] scores, String[] groups, String group, double t) {
        long[] c = new long[5];
        for (int i = 0; i < labels.length; i++) {
            if (!in(groups, i, group)) {
                continue;
            }
            boolean predicted = scores[i] >= t;
            c[0]++;
            if (labels[i] == 1) {
                c[predicted ? 1 : 4]++;
            } else {
                c[predicted ? 2 : 3]++;
            }
        }
        return c;
    }

    /** F1 at every candidate threshold, best (smallest on ties) kept. */
    static double f1Threshold(int[] labels, double[] scores) {
        double[] candidates = java.util.Arrays.stream(scores).distinct().sorted().toArray();
        double best = Double.NaN;
        double bestF1 = -1;
        for (double t : candidates) {
            long[] c = confusion(labels, scores, null, null, t);
            double f1 = 2.0 * c[1] / (2.0 * c[1] + c[2] + c[4]);
            if (f1 > bestF1 + 1e-15) {
                bestF1 = f1;
                best = t;
            }
        }
        return best;
    }

    private static boolean in(String[] groups, int i, String group) {
        return group == null || group.equals(groups[i]);
    }
}
