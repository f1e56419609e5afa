package io.fairtune.model.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap for worst-group AUC and AUC gap, stratified by (group, label): every resample
 * redraws each group's positives and negatives with replacement to their original counts. Keeping the
 * cell sizes fixed means a group's AUC is defined in every resample exactly when it is defined on the
 * split, and the interval reflects prediction noise rather than varying class balance.
 *
 * <p>A resample is a vector of multiplicities over the already sorted cells, so it costs O(n) and never
 * sorts: weighted U = Σ_i w⁺_i · (W⁻(below_i) + W⁻(atOrBelow_i)) / 2 with W⁻ prefix sums of negative weights.
 * Interval ends use numpy's default (linear) percentile of the resampled values.
 */
final class GroupAucBootstrap {

    private final List<double[]> positives = new ArrayList<>();
    private final List<int[][]> ranks = new ArrayList<>();
    private final List<Integer> negativeCounts = new ArrayList<>();

    GroupAucBootstrap(double[][] pos, double[][] neg, int groups) {
        for (int g = 0; g < groups; g++) {
            if (pos[g].length > 0 && neg[g].length > 0) {
                positives.add(pos[g]);
                ranks.add(SortedScores.negativeRanks(pos[g], neg[g]));
                negativeCounts.add(neg[g].length);
            }
        }
    }

    /** [worst-group AUC interval, AUC gap interval]; an entry is null when the statistic is undefined. */
    ConfidenceInterval[] intervals(Bootstrap spec) {
        int groups = positives.size();
        if (groups == 0) {
            return new ConfidenceInterval[] {null, null};
        }
        SplittableRandom rng = new SplittableRandom(spec.seed());
        double[] minAuc = new double[spec.samples()];
        double[] gap = new double[spec.samples()];
        int maxPos = positives.stream().mapToInt(a -> a.length).max().orElse(0);
        int maxNeg = negativeCounts.stream().mapToInt(Integer::intValue).max().orElse(0);
        int[] wPos = new int[maxPos];
        int[] wNeg = new int[maxNeg];
        long[] cumNeg = new long[maxNeg + 1];
        for (int b = 0; b < spec.samples(); b++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int g = 0; g < groups; g++) {
                int np = positives.get(g).length;
                int nn = negativeCounts.get(g);
                draw(rng, wPos, np);
                draw(rng, wNeg, nn);
                cumNeg[0] = 0;
                for (int k = 0; k < nn; k++) {
                    cumNeg[k + 1] = cumNeg[k] + wNeg[k];
                }
                int[] below = ranks.get(g)[0];
                int[] atOrBelow = ranks.get(g)[1];
                long twice = 0;
                for (int i = 0; i < np; i++) {
                    int w = wPos[i];
                    if (w != 0) {
                        twice += w * (cumNeg[below[i]] + cumNeg[atOrBelow[i]]);
                    }
                }
                double auc = twice / (2.0 * np * (double) nn);
                lo = Math.min(lo, auc);
                hi = Math.max(hi, auc);
            }
            minAuc[b] = lo;
            gap[b] = hi - lo;
        }
        return new ConfidenceInterval[] {
                interval(minAuc, spec), groups >= 2 ? interval(gap, spec) : null};
    }

    private static void draw(SplittableRandom rng, int[] weights, int n) {
        Arrays.fill(weights, 0, n, 0);
        for (int k = 0; k < n; k++) {
            weights[rng.nextInt(n)]++;
        }
    }

    private static ConfidenceInterval interval(double[] values, Bootstrap spec) {
        double[] v = values.clone();
        Arrays.sort(v);
        double alpha = (1 - spec.level()) / 2;
        return new ConfidenceInterval(percentile(v, alpha), percentile(v, 1 - alpha), spec.level(), v.length);
    }

    /** numpy.percentile's default "linear" method on sorted values; q in [0,1]. */
    static double percentile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }
}
