package io.fairtune.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trainer's SGD owns its momentum buffers (for checkpoints) but must step exactly as DJL's {@code Sgd} did
 * before it: same weights after several updates under a changing learning rate, weight decay and momentum.
 */
class MomentumSgdTest {

    @Test
    void stepsBitForBitAsDjlsSgd() {
        LrSchedule schedule = new LrSchedule(0.05, "cosine", 2, 6);
        Optimizer djl = Optimizer.sgd().setLearningRateTracker(schedule).optMomentum(0.9f).optWeightDecays(0.05f).build();
        Optimizer ours = MomentumSgd.builder().optLearningRateTracker(schedule).optMomentum(0.9f)
                .optWeightDecays(0.05f).build();
        Random rng = new Random(3);
        float[] start = new float[64];
        for (int i = 0; i < start.length; i++) {
            start[i] = (float) rng.nextGaussian();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(start, new Shape(8, 8));
            NDArray b = m.create(start, new Shape(8, 8));
            for (int t = 0; t < 6; t++) {
                float[] g = new float[64];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) rng.nextGaussian();
                }
                djl.update("w", a, m.create(g, new Shape(8, 8)));
                ours.update("w", b, m.create(g, new Shape(8, 8)));
            }
            assertArrayEquals(a.toFloatArray(), b.toFloatArray(), 0f);
            assertFalse(java.util.Arrays.equals(start, b.toFloatArray()), "the weights moved");
        }
    }
}
