package io.fairtune.trainer.loadgen;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Scores the load generator reports instead of a trained model's: a fixed, seeded landscape over masks, so that
 * samplers see masks that really are better or worse (per group too, so fairness objectives differ) and the
 * evaluator computes real metrics on the real split. The same (mask, learning rate, seed) always gives the same
 * scores, as a redelivered real attempt does.
 */
final class SyntheticScores {

    /** The landscape's own seed: every study and every trainer sees the same landscape. */
    private static final long LANDSCAPE = 0x5EED_FA1EL;

    private SyntheticScores() {
    }

    /**
     * @param progress fraction of the training done (epoch / epochs): separation between the classes grows with it
     * @return one score in (0, 1) per sample
     */
    static double[] of(String mask, double learningRate, long seed, int[] labels, String[] groups, double progress) {
        boolean[] bits = bits(mask);
        double lrFit = Math.exp(-0.5 * Math.pow(Math.log10(learningRate) + 3.5, 2));
        Random noise = new Random(seed);
        double[] scores = new double[labels.length];
        java.util.Map<String, Double> separation = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            double sep = separation.computeIfAbsent(groups[i] == null ? "" : groups[i], g -> quality(bits, g))
                    * (0.5 + 0.5 * lrFit) * progress;
            double logit = sep * (2 * labels[i] - 1) + noise.nextGaussian();
            scores[i] = 1 / (1 + Math.exp(-logit));
        }
        return scores;
    }

    /** Class separation (in logits) a mask reaches on one group: a shared effect per bit plus a group's own. */
    static double quality(boolean[] bits, String group) {
        double sum = 0;
        for (int i = 0; i < bits.length; i++) {
            // SplittableRandom mixes its seed: java.util.Random's first draws of neighbouring seeds are correlated
            double shared = new SplittableRandom(LANDSCAPE + i).nextGaussian();
            double own = new SplittableRandom(LANDSCAPE ^ (31L * group.hashCode() + i)).nextGaussian();
            sum += (shared + 0.5 * own) * (bits[i] ? 1 : -1);
        }
        return 1.0 + 0.8 * Math.tanh(sum / Math.sqrt(Math.max(1, bits.length)));
    }

    /** A bit string as it is; any other mask (a baseline's name) as the bits of its hash. */
    static boolean[] bits(String mask) {
        if (mask.chars().allMatch(c -> c == '0' || c == '1')) {
            boolean[] bits = new boolean[mask.length()];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = mask.charAt(i) == '1';
            }
            return bits;
        }
        boolean[] bits = new boolean[32];
        int h = mask.hashCode();
        for (int i = 0; i < bits.length; i++) {
            bits[i] = ((h >>> i) & 1) == 1;
        }
        return bits;
    }
}
