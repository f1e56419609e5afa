package io.fairtune.model.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.study.Objective;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-checked cases; the expected values are worked out in the comments, not by the code under test. */
class FairnessMetricsTest {

    static final double EXACT = 1e-12;

    @Test
    void aucMatchesScikitLearnDocumentationExample() {
        // sklearn docs: roc_auc_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
        FairnessReport r = FairnessMetrics.compute(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8},
                null, 0.5);
        assertEquals(0.75, r.overall().auc(), EXACT);
    }

    @Test
    void tiesCountOneHalfAsScikitLearn() {
        // pos {0.6, 0.9, 0.2} vs neg {0.2, 0.6}: 0.6>0.2 (1) 0.6=0.6 (.5); 0.9 (1,1); 0.2=0.2 (.5) 0.2<0.6 (0)
        // = 4/6. sklearn's trapezoid over the ROC points (0,0),(0,1/3),(.5,2/3),(1,1) gives the same 0.666…
        FairnessReport r = FairnessMetrics.compute(new int[] {0, 0, 1, 1, 1},
                new double[] {0.2, 0.6, 0.6, 0.9, 0.2}, null, 0.5);
        assertEquals(4.0 / 6.0, r.overall().auc(), EXACT);
        // all scores equal: every pair ties, roc_auc_score = 0.5
        FairnessReport flat = FairnessMetrics.compute(new int[] {0, 1, 0, 1}, new double[] {0.3, 0.3, 0.3, 0.3},
                null, 0.5);
        assertEquals(0.5, flat.overall().auc(), EXACT);
    }

    /**
     * Three groups at threshold 0.5 (predicted positive: score >= 0.5).
     * A: (y,s) = (1,.9) (1,.4) (0,.6) (0,.2)  -> tp1 fn1 fp1 tn1: acc .5, tpr .5, fpr .5, sel .5;
     *    AUC pos{.9,.4} neg{.6,.2}: .9>both (2), .4>.2 (1) = 3/4
     * B: (1,.7) (0,.3) (0,.5)                 -> tp1 fp1 tn1: acc 2/3, tpr 1, fpr .5, sel 2/3; AUC .7>.3,.7>.5 = 1
     * C: (0,.1) (0,.8)                        -> one class: AUC undefined, tpr undefined; fp1 tn1: acc .5, fpr .5, sel .5
     * unknown: (1,.55)                        -> counted overall only (tp).
     * Overall: 10 samples, pos {.9,.4,.7,.55}, neg {.6,.2,.3,.5,.1,.8}; tp 3 (.9,.7,.55) fp 3 (.6,.5,.8):
     *    acc (3 + 3 tn)/10 = .6, tpr .75, fpr .5, sel .6, prevalence .4.
     *    AUC pairs: .9 beats 5 (not .8... .9>.8 too) = 6; .4 beats .2,.3,.1 = 3; .7 beats .6,.2,.3,.5,.1 = 5;
     *    .55 beats .2,.3,.5,.1 = 4 -> 18/24 = .75
     * Aggregates over A,B(,C): min_auc .75 (C excluded), auc_gap .25, min_acc .5, acc_gap 1/6,
     *    TPR gap (A,B) .5, FPR gap (A,B,C) 0 -> eodds .5, dp gap 2/3-1/2 = 1/6.
     */
    @Test
    void threeGroupsWithOneClassGroupAndUnknown() {
        int[] y = {1, 1, 0, 0, 1, 0, 0, 0, 0, 1};
        double[] s = {.9, .4, .6, .2, .7, .3, .5, .1, .8, .55};
        String[] g = {"A", "A", "A", "A", "B", "B", "B", "C", "C", null};
        FairnessReport r = FairnessMetrics.compute(y, s, g, 0.5);

        assertEquals(List.of("A", "B", "C"), List.copyOf(r.groups().keySet()));
        GroupMetrics a = r.groups().get("A");
        assertEquals(0.75, a.auc(), EXACT);
        assertEquals(0.5, a.accuracy(), EXACT);
        assertEquals(0.5, a.tpr(), EXACT);
        assertEquals(0.5, a.fpr(), EXACT);
        assertEquals(0.5, a.fnr(), EXACT);
        assertEquals(0.5, a.tnr(), EXACT);
        assertEquals(0.5, a.selectionRate(), EXACT);
        GroupMetrics b = r.groups().get("B");
        assertEquals(1.0, b.auc(), EXACT);
        assertEquals(2.0 / 3, b.accuracy(), EXACT);
        assertEquals(1.0, b.tpr(), EXACT);
        assertEquals(0.5, b.fpr(), EXACT);
        assertEquals(1.0 / 3, b.prevalence(), EXACT);
        GroupMetrics c = r.groups().get("C");
        assertNull(c.auc(), "one-class group has no AUC");
        assertNull(c.tpr());
        assertNull(c.fnr());
        assertEquals(0.5, c.fpr(), EXACT);
        assertEquals(2, c.count());
        assertEquals(List.of("C"), r.undefinedAucGroups());
        assertEquals(1, r.unknownGroupCount());

        GroupMetrics all = r.overall();
        assertEquals(10, all.count());
        assertEquals(0.75, all.auc(), EXACT);
        assertEquals(0.6, all.accuracy(), EXACT);
        assertEquals(0.75, all.tpr(), EXACT);
        assertEquals(0.5, all.fpr(), EXACT);
        assertEquals(0.6, all.selectionRate(), EXACT);
        assertEquals(0.4, all.prevalence(), EXACT);

        assertEquals(0.75, r.minAuc(), EXACT);
        assertEquals(0.25, r.aucGap(), EXACT);
        assertEquals(0.5, r.minAccuracy(), EXACT);
        assertEquals(1.0 / 6, r.accuracyGap(), EXACT);
        assertEquals(0.5, r.equalOpportunityDifference(), EXACT);
        assertEquals(0.0, r.falsePositiveRateGap(), EXACT);
        assertEquals(0.5, r.equalizedOddsDifference(), EXACT);
        assertEquals(1.0 / 6, r.demographicParityDifference(), EXACT);

        assertEquals(0.75, r.objective(Objective.MIN_AUC), EXACT);
        assertEquals(0.25, r.objective(Objective.AUC_GAP), EXACT);
        assertEquals(0.75, r.objective(Objective.OVERALL_AUC), EXACT);
        assertEquals(0.5, r.objective(Objective.MIN_ACC), EXACT);
        assertEquals(1.0 / 6, r.objective(Objective.ACC_GAP), EXACT);
        assertEquals(0.6, r.objective(Objective.OVERALL_ACC), EXACT);
        assertEquals(0.5, r.objective(Objective.EODDS_DIFF), EXACT);

        Map<String, Double> flat = r.toFlatMap();
        assertEquals(0.75, flat.get("group.A.auc"), EXACT);
        assertEquals(2.0, flat.get("group.C.count"));
        assertFalse(flat.containsKey("group.C.auc"), "undefined AUC is absent, not NaN");
        assertEquals(1.0, flat.get("groups.auc_undefined"));
        assertEquals(0.25, flat.get("auc_gap"), EXACT);
        assertEquals(0.5, flat.get("eodds_diff"), EXACT);
        assertTrue(flat.values().stream().allMatch(v -> v != null && Double.isFinite(v)));
    }

    @Test
    void objectivesAreNullWhenNoGroupHasBothClasses() {
        // G1 only positives, G2 only negatives: overall AUC exists (.8,.7 > .2,.1 -> 1) but no group AUC does
        FairnessReport r = FairnessMetrics.compute(new int[] {1, 1, 0, 0}, new double[] {.8, .7, .2, .1},
                new String[] {"G1", "G1", "G2", "G2"}, 0.5);
        assertNull(r.objective(Objective.MIN_AUC));
        assertNull(r.objective(Objective.AUC_GAP));
        assertEquals(1.0, r.objective(Objective.OVERALL_AUC), EXACT);
        // TPR only in G1, FPR only in G2: neither gap has two groups
        assertNull(r.objective(Objective.EODDS_DIFF));
        assertEquals(0.0, r.objective(Objective.ACC_GAP), EXACT);
        assertEquals(List.of("G1", "G2"), r.undefinedAucGroups());
        assertFalse(r.toFlatMap().containsKey("min_auc"));
    }

    @Test
    void gapNeedsTwoGroupsWithTheQuantity() {
        FairnessReport r = FairnessMetrics.compute(new int[] {1, 0, 1}, new double[] {.8, .3, .6},
                new String[] {"X", "X", "Y"}, 0.5);
        assertEquals(1.0, r.minAuc(), EXACT);
        assertNull(r.aucGap(), "one defined AUC is no gap");
    }

    @Test
    void calibrationBinsFollowNumpyLinspaceEdges() {
        // np.linspace(0,1,11) = [0, .1, .2, .30000000000000004, .4, .5, .6000000000000001, .7000000000000001, ...]
        // scikit-learn 1.2.1 calibration_curve: np.searchsorted(edges[1:-1], s) (side left), printed by numpy:
        assertEquals(0, CalibrationBins.binOf(0.0));
        assertEquals(0, CalibrationBins.binOf(0.0999));
        assertEquals(0, CalibrationBins.binOf(0.1), "a score on an edge joins the lower bin");
        assertEquals(2, CalibrationBins.binOf(0.3), "0.3 < 0.30000000000000004");
        assertEquals(5, CalibrationBins.binOf(0.6), "0.6 < 0.6000000000000001");
        assertEquals(6, CalibrationBins.binOf(0.7));
        assertEquals(7, CalibrationBins.binOf(0.8));
        assertEquals(9, CalibrationBins.binOf(0.95));
        assertEquals(9, CalibrationBins.binOf(1.0), "1.0 joins the last bin");
    }

    @Test
    void eceMatchesScikitLearnsCalibrationCurveOnScoresThatSitOnEdges() {
        // sklearn.calibration.calibration_curve(y, s, n_bins=10, strategy="uniform"), weighted by bin counts
        assertEquals(0.025, FairnessMetrics.compute(new int[] {1, 0}, new double[] {0.5, 0.45}, null, 0.5)
                .overall().ece(), 1e-12);
        double[] s = {0.8, 0.8, 0.5, 0.3, 0.1, 0.4, 0.4, 0.0, 0.0, 1.0, 0.7, 0.2, 0.4, 1.0, 0.9, 0.8, 0.4, 0.5, 0.7,
            0.1, 0.6, 0.3, 0.9, 0.1, 0.7, 0.9, 0.2, 0.9, 0.9, 0.0, 0.7, 0.0, 0.5, 0.4, 0.2, 0.3, 0.8, 0.3, 0.1, 0.7};
        int[] y = {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 0,
            0, 0, 0, 0, 0, 1};
        assertEquals(0.1875, FairnessMetrics.compute(y, s, null, 0.5).overall().ece(), 1e-12);
    }

    @Test
    void eceAndBceByHand() {
        // bins: [0,.1]: (s .05, y 0) -> |.05-0| x1 ; (.1,.2]: (.15,1) (.15,0) -> |.15-.5| x2 ; (.9,1]: (.95,1) -> .05 x1
        // ECE = (.05 + .7 + .05) / 4 = .2
        // BCE = -(ln .95 + ln .15 + ln .85 + ln .95) / 4
        FairnessReport r = FairnessMetrics.compute(new int[] {0, 1, 0, 1}, new double[] {.05, .15, .15, .95},
                null, 0.5);
        assertEquals(0.2, r.overall().ece(), 1e-12);
        double bce = -(Math.log(.95) + Math.log(.15) + Math.log(.85) + Math.log(.95)) / 4;
        assertEquals(bce, r.overall().bce(), 1e-12);
        // torch.nn.BCELoss clamps log at -100: a confident miss costs 100, not infinity
        FairnessReport miss = FairnessMetrics.compute(new int[] {1, 0}, new double[] {0.0, 1.0}, null, 0.5);
        assertEquals(100.0, miss.overall().bce(), EXACT);
    }

    @Test
    void eceGapBetweenGroups() {
        // G1: (.05,0) (.95,1) -> bins |.05-0| and |.95-1| -> ECE .05 ; G2: (.15,1) (.15,0) -> |.15-.5| = .35
        FairnessReport r = FairnessMetrics.compute(new int[] {0, 1, 1, 0}, new double[] {.05, .95, .15, .15},
                new String[] {"G1", "G1", "G2", "G2"}, 0.5);
        assertEquals(0.05, r.groups().get("G1").ece(), 1e-12);
        assertEquals(0.35, r.groups().get("G2").ece(), 1e-12);
        assertEquals(0.30, r.eceGap(), 1e-12);
    }

    @Test
    void f1OptimalThresholdByHand() {
        // thresholds .1: tp2 fp2 fn0 -> 4/6 ; .35: tp2 fp1 -> 4/5 ; .4: tp1 fp1 fn1 -> 2/4 ; .8: tp1 fn1 -> 2/3
        assertEquals(0.35, FairnessMetrics.f1OptimalThreshold(new int[] {0, 0, 1, 1},
                new double[] {0.1, 0.4, 0.35, 0.8}), 0);
        // equal F1 (2/3) at .2 (tp1 fp0 fn1... no: .2 -> tp2 fp2 = 4/6) and .9 (tp1 fn1 = 2/3): smaller wins
        // scores: pos {.9, .2}, neg {.5, .3}. t=.2: 4/6 ; t=.3: tp1 fp2 fn1 = 2/5 ; t=.5: 2/4 ; t=.9: 2/3
        assertEquals(0.2, FairnessMetrics.f1OptimalThreshold(new int[] {1, 1, 0, 0},
                new double[] {.9, .2, .5, .3}), 0);
        assertEquals(FairnessMetrics.FIXED_THRESHOLD, FairnessMetrics.f1OptimalThreshold(new int[] {0, 0},
                new double[] {.1, .7}), 0, "no positives: fixed threshold");
    }

    @Test
    void reportAtF1OptimalUsesThatThreshold() {
        int[] y = {0, 0, 1, 1};
        double[] s = {0.1, 0.4, 0.35, 0.8};
        FairnessReport r = FairnessMetrics.computeAtF1Optimal(y, s, null, Bootstrap.NONE);
        assertEquals(0.35, r.threshold(), 0);
        assertEquals(1.0, r.overall().tpr(), EXACT);
        assertEquals(0.5, r.overall().fpr(), EXACT);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class,
                () -> FairnessMetrics.compute(new int[] {0, 1}, new double[] {0.1, Double.NaN}, null, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> FairnessMetrics.compute(new int[] {0, 1}, new double[] {0.1, 1.01}, null, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> FairnessMetrics.compute(new int[] {0, 2}, new double[] {0.1, 0.2}, null, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> FairnessMetrics.compute(new int[] {0, 1}, new double[] {0.1}, null, 0.5));
    }

    @Test
    void emptySplitHasNoObjectives() {
        FairnessReport r = FairnessMetrics.compute(new int[0], new double[0], new String[0], 0.5);
        for (Objective o : Objective.values()) {
            assertNull(r.objective(o), o.id());
        }
        assertNotNull(r.toFlatMap());
    }
}
