package io.fairtune.model.metrics;

/**
 * Operations on ascending score arrays. Sorting each (group, label) cell once is all the AUC, threshold
 * counts and the F1 sweep need: AUC is a merge of the positive and negative arrays (Mann–Whitney with
 * ties counted one half, which is what scikit-learn's trapezoidal {@code roc_auc_score} equals), and the
 * number of scores at or above a threshold is a binary search.
 */
final class SortedScores {

    private SortedScores() {
    }

    /**
     * Twice the Mann–Whitney U of positives over negatives: Σ over positives of (2·#neg below + #neg equal),
     * exact in integer arithmetic. AUC = result / (2·|pos|·|neg|).
     */
    static long twiceU(double[] pos, double[] neg) {
        long twice = 0;
        int below = 0;
        int atOrBelow = 0;
        int n = neg.length;
        for (double p : pos) {
            while (below < n && neg[below] < p) {
                below++;
            }
            if (atOrBelow < below) {
                atOrBelow = below;
            }
            while (atOrBelow < n && neg[atOrBelow] <= p) {
                atOrBelow++;
            }
            twice += below + atOrBelow;
        }
        return twice;
    }

    /** AUC, or null when a class is missing (scikit-learn raises there; we report it undefined). */
    static Double auc(double[] pos, double[] neg) {
        if (pos.length == 0 || neg.length == 0) {
            return null;
        }
        return twiceU(pos, neg) / (2.0 * pos.length * (double) neg.length);
    }

    /**
     * For each positive i: {@code below[i]} = #negatives strictly lower, {@code atOrBelow[i]} = #negatives
     * lower or equal. The bootstrap reuses these so a resample never sorts again.
     */
    static int[][] negativeRanks(double[] pos, double[] neg) {
        int[] below = new int[pos.length];
        int[] atOrBelow = new int[pos.length];
        int b = 0;
        int ab = 0;
        int n = neg.length;
        for (int i = 0; i < pos.length; i++) {
            double p = pos[i];
            while (b < n && neg[b] < p) {
                b++;
            }
            if (ab < b) {
                ab = b;
            }
            while (ab < n && neg[ab] <= p) {
                ab++;
            }
            below[i] = b;
            atOrBelow[i] = ab;
        }
        return new int[][] {below, atOrBelow};
    }

    /** How many entries are {@code >= threshold}. */
    static int countAtLeast(double[] sorted, double threshold) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return sorted.length - lo;
    }

    static double[] merge(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.length && j < b.length) {
            out[k++] = a[i] <= b[j] ? a[i++] : b[j++];
        }
        System.arraycopy(a, i, out, k, a.length - i);
        k += a.length - i;
        System.arraycopy(b, j, out, k, b.length - j);
        return out;
    }

    /** Balanced pairwise merge: O(n log k) for k sorted parts. */
    static double[] mergeAll(double[][] parts) {
        if (parts.length == 0) {
            return new double[0];
        }
        double[][] level = parts;
        while (level.length > 1) {
            double[][] next = new double[(level.length + 1) / 2][];
            for (int i = 0; i < next.length; i++) {
                int a = 2 * i;
                next[i] = a + 1 < level.length ? merge(level[a], level[a + 1]) : level[a];
            }
            level = next;
        }
        return level[0];
    }
}
