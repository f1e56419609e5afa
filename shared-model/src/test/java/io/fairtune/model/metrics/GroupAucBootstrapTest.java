package io.fairtune.model.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GroupAucBootstrapTest {

    private static final int N = 600;

    private static Object[] data(long seed) {
        Random rnd = new Random(seed);
        int[] y = new int[N];
        double[] s = new double[N];
        String[] g = new String[N];
        for (int i = 0; i < N; i++) {
            g[i] = i % 3 == 0 ? "u" : i % 3 == 1 ? "v" : "w";
            y[i] = rnd.nextDouble() < 0.4 ? 1 : 0;
            double shift = "u".equals(g[i]) ? 0.1 : 0.25;
            s[i] = Math.round(Math.min(1, Math.max(0, rnd.nextGaussian() * 0.2 + 0.5 + (y[i] == 1 ? shift : -shift)))
                    * 50) / 50.0;
        }
        return new Object[] {y, s, g};
    }

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        Object[] d = data(11);
        FairnessReport a = FairnessMetrics.compute((int[]) d[0], (double[]) d[1], (String[]) d[2], 0.5,
                Bootstrap.of(300, 42));
        FairnessReport b = FairnessMetrics.compute((int[]) d[0], (double[]) d[1], (String[]) d[2], 0.5,
                Bootstrap.of(300, 42));
        FairnessReport c = FairnessMetrics.compute((int[]) d[0], (double[]) d[1], (String[]) d[2], 0.5,
                Bootstrap.of(300, 43));
        assertEquals(a.minAucInterval(), b.minAucInterval());
        assertEquals(a.aucGapInterval(), b.aucGapInterval());
        assertNotEquals(a.minAucInterval(), c.minAucInterval());
        assertTrue(a.minAucInterval().low() < a.minAuc() && a.minAuc() < a.minAucInterval().high(),
                a.minAucInterval() + " around " + a.minAuc());
        assertTrue(a.aucGapInterval().low() < a.aucGapInterval().high());
        assertEquals(300, a.minAucInterval().samples());
        assertEquals(a.minAucInterval().low(), a.toFlatMap().get("min_auc.ci_low"));
    }

    @Test
    void perfectlySeparatedGroupsHaveADegenerateInterval() {
        FairnessReport r = FairnessMetrics.compute(new int[] {0, 0, 1, 1, 0, 1}, new double[] {.1, .2, .8, .9, .3, .7},
                new String[] {"p", "p", "p", "p", "q", "q"}, 0.5, Bootstrap.of(50, 1));
        assertEquals(1.0, r.minAucInterval().low(), 0);
        assertEquals(1.0, r.minAucInterval().high(), 0);
        assertEquals(0.0, r.aucGapInterval().high(), 0);
    }

    @Test
    void noIntervalWithoutADefinedGroupAuc() {
        FairnessReport r = FairnessMetrics.compute(new int[] {1, 0}, new double[] {.8, .2}, new String[] {"x", "y"},
                0.5, Bootstrap.of(50, 1));
        assertNull(r.minAucInterval());
        assertNull(r.aucGapInterval());
    }

    /**
     * The weighted-merge bootstrap against a naive one that materialises every resample and recomputes the
     * AUC pairwise. Random streams differ, so the intervals agree statistically, not bit for bit.
     */
    @Test
    void agreesWithNaiveMaterialisedBootstrap() {
        Object[] d = data(5);
        int[] y = (int[]) d[0];
        double[] s = (double[]) d[1];
        String[] g = (String[]) d[2];
        int samples = 400;
        FairnessReport fast = FairnessMetrics.compute(y, s, g, 0.5, Bootstrap.of(samples, 7));

        SplittableRandom rnd = new SplittableRandom(99);
        double[] minAuc = new double[samples];
        for (int b = 0; b < samples; b++) {
            double lo = 1;
            for (String group : new String[] {"u", "v", "w"}) {
                double[] pos = pick(y, s, g, group, 1);
                double[] neg = pick(y, s, g, group, 0);
                double[] rp = new double[pos.length];
                double[] rn = new double[neg.length];
                for (int k = 0; k < rp.length; k++) {
                    rp[k] = pos[rnd.nextInt(pos.length)];
                }
                for (int k = 0; k < rn.length; k++) {
                    rn[k] = neg[rnd.nextInt(neg.length)];
                }
                double sum = 0;
                for (double p : rp) {
                    for (double q : rn) {
                        sum += p > q ? 1 : p == q ? 0.5 : 0;
                    }
                }
                lo = Math.min(lo, sum / ((double) rp.length * rn.length));
            }
            minAuc[b] = lo;
        }
        Arrays.sort(minAuc);
        double naiveLow = GroupAucBootstrap.percentile(minAuc, 0.025);
        double naiveHigh = GroupAucBootstrap.percentile(minAuc, 0.975);
        assertEquals(naiveLow, fast.minAucInterval().low(), 0.025);
        assertEquals(naiveHigh, fast.minAucInterval().high(), 0.025);
    }

    @Test
    void percentileIsNumpyLinear() {
        // np.percentile([1,2,3,4], 25) = 1.75 ; 97.5 -> 3.925
        double[] v = {1, 2, 3, 4};
        assertEquals(1.75, GroupAucBootstrap.percentile(v, 0.25), 1e-12);
        assertEquals(3.925, GroupAucBootstrap.percentile(v, 0.975), 1e-12);
    }

    private static double[] pick(int[] y, double[] s, String[] g, String group, int label) {
        return java.util.stream.IntStream.range(0, y.length).filter(i -> y[i] == label && group.equals(g[i]))
                .mapToDouble(i -> s[i]).toArray();
    }
}
