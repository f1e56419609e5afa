package io.fairtune.trainer.loadgen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.metrics.Bootstrap;
import io.fairtune.model.metrics.FairnessMetrics;
import io.fairtune.model.metrics.FairnessReport;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.ThresholdRule;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The load generator's draws: reproducible, with the asked mean, and scores that give the sampler work. */
class SyntheticLoadTest {

    private static final int N = 2000;
    private static final int[] LABELS = new Random(1).ints(N, 0, 2).toArray();
    private static final String[] GROUPS = new Random(2).ints(N, 0, 2).mapToObj(i -> i == 0 ? "F" : "M")
            .toArray(String[]::new);

    @Test
    void durationsAreLogNormalAroundTheMeanAndReproducible() {
        Duration mean = Duration.ofSeconds(60);
        double sum = 0;
        double min = Double.MAX_VALUE;
        double max = 0;
        for (long seed = 0; seed < 4000; seed++) {
            double s = TrialDurations.draw(mean, 0.25, seed).toNanos() / 1e9;
            sum += s;
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        assertEquals(60, sum / 4000, 1.0, "mean of 4,000 draws");
        assertTrue(min > 20 && min < 40 && max > 90 && max < 160, "spread of log 0.25: " + min + " .. " + max);
        assertEquals(TrialDurations.draw(mean, 0.25, 42), TrialDurations.draw(mean, 0.25, 42));
        assertEquals(mean, TrialDurations.draw(mean, 0, 42), "no spread: exactly the mean");
    }

    @Test
    void scoresAreAFunctionOfMaskLearningRateAndSeed() {
        double[] a = SyntheticScores.of("101100110011", 3e-4, 7, LABELS, GROUPS, 1.0);
        assertArrayEquals(a, SyntheticScores.of("101100110011", 3e-4, 7, LABELS, GROUPS, 1.0),
                "a redelivered attempt reports the same scores");
        assertTrue(Arrays.stream(a).allMatch(s -> s > 0 && s < 1));
        assertNotEquals(auc(a), auc(SyntheticScores.of("101100110011", 3e-4, 8, LABELS, GROUPS, 1.0)),
                "another seed, other noise");
        assertTrue(auc(SyntheticScores.of("101100110011", 3e-4, 7, LABELS, GROUPS, 0.25)) < auc(a),
                "separation grows over the epochs");
    }

    @Test
    void masksDifferInOverallAndWorstGroupAuc() {
        Random masks = new Random(3);
        Set<Long> distinctWorst = new HashSet<>();
        double lo = 1;
        double hi = 0;
        for (int i = 0; i < 50; i++) {
            StringBuilder mask = new StringBuilder();
            for (int b = 0; b < 12; b++) {
                mask.append(masks.nextBoolean() ? '1' : '0');
            }
            FairnessReport r = report(SyntheticScores.of(mask.toString(), 3e-4, 7, LABELS, GROUPS, 1.0));
            double worst = r.objective(Objective.byId("min_auc").orElseThrow());
            distinctWorst.add(Math.round(worst * 1000));
            lo = Math.min(lo, worst);
            hi = Math.max(hi, worst);
        }
        assertTrue(distinctWorst.size() > 30, "50 masks, distinct worst-group AUCs: " + distinctWorst.size());
        assertTrue(hi - lo > 0.1 && lo > 0.5, "worst-group AUC from " + lo + " to " + hi);
        assertTrue(auc(SyntheticScores.of("000000000000", 1e-6, 7, LABELS, GROUPS, 1.0))
                < auc(SyntheticScores.of("000000000000", 3e-4, 7, LABELS, GROUPS, 1.0)),
                "a learning rate far from the landscape's best separates less");
    }

    private static double auc(double[] scores) {
        return report(scores).objective(Objective.byId("overall_auc").orElseThrow());
    }

    private static FairnessReport report(double[] scores) {
        return FairnessMetrics.compute(ThresholdRule.of("fixed").orElseThrow(), LABELS, scores, GROUPS, Bootstrap.NONE);
    }
}
