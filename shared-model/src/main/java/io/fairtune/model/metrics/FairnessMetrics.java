package io.fairtune.model.metrics;

import io.fairtune.model.study.ThresholdRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact overall and per-group metrics over a whole split, computed once (never per batch).
 *
 * <p>Cost: every (group, label) cell is sorted once (O(n log n) in all); AUCs are merges of sorted arrays,
 * threshold counts are binary searches, ECE and BCE are one linear pass. A sample whose group is null
 * (unknown) counts in the overall metrics and in no group.
 */
public final class FairnessMetrics {

    /** The fixed threshold: a prediction is positive when {@code score >= 0.5}. */
    public static final double FIXED_THRESHOLD = 0.5;

    private FairnessMetrics() {
    }

    /** Exact metrics over the whole split. groups[i] == null: unknown group (excluded from per-group metrics, counted overall). */
    public static FairnessReport compute(int[] labels, double[] scores, String[] groups, double threshold) {
        return compute(labels, scores, groups, threshold, Bootstrap.NONE);
    }

    public static FairnessReport compute(int[] labels, double[] scores, String[] groups, double threshold,
                                         Bootstrap bootstrap) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be in [0,1], was " + threshold);
        }
        return new Computation(labels, scores, groups).report(threshold, bootstrap);
    }

    /** Exact metrics at the threshold the rule gives for this split. */
    public static FairnessReport compute(ThresholdRule rule, int[] labels, double[] scores, String[] groups,
                                         Bootstrap bootstrap) {
        return rule == ThresholdRule.F1_OPTIMAL ? computeAtF1Optimal(labels, scores, groups, bootstrap)
                : compute(labels, scores, groups, FIXED_THRESHOLD, bootstrap);
    }

    /** As {@link #compute}, at the split's {@link #f1OptimalThreshold F1-optimal threshold}, sorting only once. */
    public static FairnessReport computeAtF1Optimal(int[] labels, double[] scores, String[] groups, Bootstrap bootstrap) {
        Computation c = new Computation(labels, scores, groups);
        return c.report(f1Optimal(c.overallPositives(), c.overallNegatives()), bootstrap);
    }

    /**
     * MEDFAIR's F1-optimal threshold over the whole split: the candidate thresholds are the distinct scores
     * (as in scikit-learn's {@code precision_recall_curve}), a prediction is positive when {@code score >= t},
     * F1 = 2TP / (2TP + FP + FN), and among equal maxima the smallest threshold wins (MEDFAIR takes the first
     * of {@code np.where(f1 == max(f1))} over ascending thresholds). Without positives F1 is 0 everywhere
     * and {@link #FIXED_THRESHOLD} is returned.
     */
    public static double f1OptimalThreshold(int[] labels, double[] scores) {
        checkInputs(labels, scores, null);
        int p = 0;
        for (int l : labels) {
            p += l;
        }
        double[] pos = new double[p];
        double[] neg = new double[labels.length - p];
        int ip = 0;
        int in = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == 1) {
                pos[ip++] = scores[i];
            } else {
                neg[in++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        return f1Optimal(pos, neg);
    }

    static double f1Optimal(double[] pos, double[] neg) {
        if (pos.length == 0) {
            return FIXED_THRESHOLD;
        }
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        long bestNum = -1;
        long bestDen = 1;
        double best = FIXED_THRESHOLD;
        while (i >= 0 || j >= 0) {
            double t = i < 0 ? neg[j] : j < 0 ? pos[i] : Math.max(pos[i], neg[j]);
            while (i >= 0 && pos[i] >= t) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] >= t) {
                fp++;
                j--;
            }
            long fn = pos.length - tp;
            long num = 2 * tp;
            long den = 2 * tp + fp + fn;
            // exact rational comparison; ">=" because we walk down and ties go to the smaller threshold
            if (num * bestDen >= bestNum * den || bestNum < 0) {
                bestNum = num;
                bestDen = den;
                best = t;
            }
        }
        return best;
    }

    static void checkInputs(int[] labels, double[] scores, String[] groups) {
        if (labels == null || scores == null) {
            throw new IllegalArgumentException("labels and scores are required");
        }
        if (labels.length != scores.length || (groups != null && groups.length != labels.length)) {
            throw new IllegalArgumentException("labels (" + labels.length + "), scores (" + scores.length
                    + ") and groups (" + (groups == null ? "-" : groups.length) + ") must have the same length");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0 && labels[i] != 1) {
                throw new IllegalArgumentException("label at index " + i + " must be 0 or 1, was " + labels[i]);
            }
            double s = scores[i];
            if (!(s >= 0 && s <= 1)) {
                throw new IllegalArgumentException("score at index " + i + " must be in [0,1], was " + s);
            }
        }
    }

    /** The sorted cells of one split; the last group index holds the samples of unknown group. */
    private static final class Computation {
        private final String[] names;
        private final double[][] pos;
        private final double[][] neg;
        private final CalibrationBins[] bins;
        private final double[] bceSum;
        private double[] overallPos;
        private double[] overallNeg;

        Computation(int[] labels, double[] scores, String[] groups) {
            checkInputs(labels, scores, groups);
            int n = labels.length;
            int[] groupOf = new int[n];
            names = indexGroups(groups, groupOf);
            int cells = names.length + 1;
            int[] posCount = new int[cells];
            int[] negCount = new int[cells];
            for (int i = 0; i < n; i++) {
                if (labels[i] == 1) {
                    posCount[groupOf[i]]++;
                } else {
                    negCount[groupOf[i]]++;
                }
            }
            pos = new double[cells][];
            neg = new double[cells][];
            bins = new CalibrationBins[cells];
            bceSum = new double[cells];
            for (int g = 0; g < cells; g++) {
                pos[g] = new double[posCount[g]];
                neg[g] = new double[negCount[g]];
                bins[g] = new CalibrationBins();
            }
            int[] pi = new int[cells];
            int[] ni = new int[cells];
            for (int i = 0; i < n; i++) {
                int g = groupOf[i];
                double s = scores[i] + 0.0; // folds -0.0 into 0.0 so the sort order is numeric order
                bins[g].add(s, labels[i]);
                if (labels[i] == 1) {
                    pos[g][pi[g]++] = s;
                    bceSum[g] -= Math.max(Math.log(s), -100.0);
                } else {
                    neg[g][ni[g]++] = s;
                    bceSum[g] -= Math.max(Math.log(1.0 - s), -100.0);
                }
            }
            for (int g = 0; g < cells; g++) {
                Arrays.sort(pos[g]);
                Arrays.sort(neg[g]);
            }
        }

        /** Group names in lexical order; groupOf[i] gets the index, or names.length for unknown. */
        private static String[] indexGroups(String[] groups, int[] groupOf) {
            if (groups == null) {
                Arrays.fill(groupOf, 0);
                return new String[0];
            }
            Map<String, Integer> firstSeen = new HashMap<>();
            String last = null;
            int lastIndex = -1;
            for (int i = 0; i < groups.length; i++) {
                String g = groups[i];
                if (g == null) {
                    groupOf[i] = -1;
                    continue;
                }
                // manifests hand out one String instance per group value, so identity hits are the common case
                if (g != last) {
                    Integer idx = firstSeen.get(g);
                    if (idx == null) {
                        idx = firstSeen.size();
                        firstSeen.put(g, idx);
                    }
                    last = g;
                    lastIndex = idx;
                }
                groupOf[i] = lastIndex;
            }
            String[] names = firstSeen.keySet().toArray(new String[0]);
            Arrays.sort(names);
            int[] remap = new int[names.length];
            for (int k = 0; k < names.length; k++) {
                remap[firstSeen.get(names[k])] = k;
            }
            for (int i = 0; i < groupOf.length; i++) {
                groupOf[i] = groupOf[i] < 0 ? names.length : remap[groupOf[i]];
            }
            return names;
        }

        double[] overallPositives() {
            if (overallPos == null) {
                overallPos = SortedScores.mergeAll(pos);
            }
            return overallPos;
        }

        double[] overallNegatives() {
            if (overallNeg == null) {
                overallNeg = SortedScores.mergeAll(neg);
            }
            return overallNeg;
        }

        FairnessReport report(double threshold, Bootstrap bootstrap) {
            Map<String, GroupMetrics> perGroup = new TreeMap<>();
            List<String> undefined = new ArrayList<>();
            CalibrationBins allBins = new CalibrationBins();
            double allBce = 0;
            long tp = 0;
            long fp = 0;
            for (int g = 0; g <= names.length; g++) {
                long gtp = SortedScores.countAtLeast(pos[g], threshold);
                long gfp = SortedScores.countAtLeast(neg[g], threshold);
                tp += gtp;
                fp += gfp;
                allBins.addAll(bins[g]);
                allBce += bceSum[g];
                if (g < names.length) {
                    long count = pos[g].length + (long) neg[g].length;
                    Double auc = SortedScores.auc(pos[g], neg[g]);
                    if (auc == null) {
                        undefined.add(names[g]);
                    }
                    perGroup.put(names[g], GroupMetrics.of(count, pos[g].length, gtp, gfp, auc, bins[g].ece(),
                            bceSum[g] / count));
                }
            }
            double[] p = overallPositives();
            double[] q = overallNegatives();
            long count = p.length + (long) q.length;
            GroupMetrics overall = GroupMetrics.of(count, p.length, tp, fp, SortedScores.auc(p, q), allBins.ece(),
                    count == 0 ? 0 : allBce / count);
            long unknown = pos[names.length].length + (long) neg[names.length].length;
            ConfidenceInterval[] cis = bootstrap.enabled()
                    ? new GroupAucBootstrap(pos, neg, names.length).intervals(bootstrap)
                    : new ConfidenceInterval[] {null, null};
            return new FairnessReport(threshold, overall, perGroup, unknown, undefined, cis[0], cis[1]);
        }
    }
}
