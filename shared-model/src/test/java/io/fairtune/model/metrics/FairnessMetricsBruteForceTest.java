package io.fairtune.model.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random splits with many ties, several groups and unknowns, against the O(n²) reference. */
class FairnessMetricsBruteForceTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyRateAndAucAgreesWithBruteForce(long seed) {
        Random rnd = new Random(seed);
        int n = 200 + rnd.nextInt(400);
        String[] names = {"a", "b", "c", "d", "e"};
        int groupsUsed = 2 + rnd.nextInt(4);
        int[] y = new int[n];
        double[] s = new double[n];
        String[] g = new String[n];
        for (int i = 0; i < n; i++) {
            g[i] = rnd.nextInt(20) == 0 ? null : names[rnd.nextInt(groupsUsed)];
            y[i] = rnd.nextDouble() < 0.3 ? 1 : 0;
            // coarse grid -> many ties, including ties across labels; shifted towards 1 for positives
            double raw = Math.min(1, Math.max(0, rnd.nextGaussian() * 0.25 + (y[i] == 1 ? 0.6 : 0.4)));
            s[i] = Math.round(raw * 20) / 20.0;
        }
        if (seed == 8) { // make one group one-class
            for (int i = 0; i < n; i++) {
                if ("a".equals(g[i])) {
                    y[i] = 0;
                }
            }
        }
        double t = seed % 2 == 0 ? 0.5 : FairnessMetrics.f1OptimalThreshold(y, s);
        assertEquals(BruteForce.f1Threshold(y, s), FairnessMetrics.f1OptimalThreshold(y, s), 0);
        FairnessReport r = FairnessMetrics.compute(y, s, g, t);

        check(r.overall(), y, s, g, null, t);
        for (String name : r.groups().keySet()) {
            check(r.groups().get(name), y, s, g, name, t);
        }
        double lo = Double.POSITIVE_INFINITY;
        for (GroupMetrics m : r.groups().values()) {
            if (m.auc() != null) {
                lo = Math.min(lo, m.auc());
            }
        }
        assertEquals(lo, r.minAuc(), 0);
    }

    private static void check(GroupMetrics m, int[] y, double[] s, String[] g, String group, double t) {
        double auc = BruteForce.pairwiseAuc(y, s, g, group);
        if (Double.isNaN(auc)) {
            assertNull(m.auc(), group);
        } else {
            assertEquals(auc, m.auc(), 1e-12, "auc of " + group);
        }
        long[] c = BruteForce.confusion(y, s, g, group, t);
        assertEquals(c[0], m.count());
        assertEquals((c[1] + c[3]) / (double) c[0], m.accuracy(), 1e-12);
        assertEquals((c[1] + c[2]) / (double) c[0], m.selectionRate(), 1e-12);
        if (c[1] + c[4] > 0) {
            assertEquals(c[1] / (double) (c[1] + c[4]), m.tpr(), 1e-12);
            assertEquals(c[4] / (double) (c[1] + c[4]), m.fnr(), 1e-12);
        }
        if (c[2] + c[3] > 0) {
            assertEquals(c[2] / (double) (c[2] + c[3]), m.fpr(), 1e-12);
            assertEquals(c[3] / (double) (c[2] + c[3]), m.tnr(), 1e-12);
        }
    }
}
