package io.fairtune.trainer.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.VitConfig;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FineTunerTest {

    static final VitConfig SMALL = new VitConfig(16, 4, 32, 4, 2, 2, 2);
    static final ImageSplit TRAIN = TestData.split("train", 32, 16, 11);
    static final ImageSplit VAL = TestData.split("val", 20, 16, 12);
    static final ParameterSelection TOP2 = ParameterSelection.parse("blocks", "0011", BackboneLayout.vit(4));

    static FineTuneResult train(ParameterSelection selection, boolean augment, boolean cache, long seed) {
        InnerLoopSpec loop = new InnerLoopSpec(3, 8, "adamw", "cosine", 1, 0.05, 1e-5, 1e-3, augment, true);
        try (LoadedBackbone backbone = BackboneLoader.freshVit(SMALL, 5, Device.cpu())) {
            return FineTuner.run(backbone, TRAIN, VAL, VAL,
                    new FineTuneSettings(loop, 3e-3, seed, selection, cache, 1L << 30, 16), FineTuneListener.NONE,
                    () -> false);
        }
    }

    @Test
    void sameSeedGivesTheSameScoresSoRedeliveryIsHarmless() {
        FineTuneResult a = train(TOP2, true, true, 99);
        FineTuneResult b = train(TOP2, true, true, 99);
        FineTuneResult c = train(TOP2, true, true, 100);
        assertArrayEquals(a.scores(), b.scores(), 0.0);
        assertFalse(java.util.Arrays.equals(a.scores(), c.scores()));
    }

    @Test
    void frozenPrefixCacheGivesTheSameModelAsRecomputingIt() {
        FineTuneResult cached = train(TOP2, false, true, 3);
        FineTuneResult recomputed = train(TOP2, false, false, 3);
        assertTrue(cached.prefixCached());
        assertFalse(recomputed.prefixCached());
        assertEquals(2, cached.gradientFloor());
        assertArrayEquals(recomputed.scores(), cached.scores(), 1e-4);
        assertEquals(recomputed.epochLosses().get(2), cached.epochLosses().get(2), 1e-4);
    }

    @Test
    void augmentationDisablesTheCacheAndEmbeddingMasksHaveNoFloor() {
        assertFalse(train(TOP2, true, true, 3).prefixCached());
        ParameterSelection withPos = ParameterSelection.parse("attention-tensors", "0".repeat(15) + "1",
                BackboneLayout.vit(4));
        FineTuneResult r = train(withPos, false, true, 3);
        assertEquals(-1, r.gradientFloor(), "pos_embed trains, so gradients reach the embedding");
        assertFalse(r.prefixCached());
    }

    @Test
    void cancellationStopsBetweenSteps() {
        AtomicInteger steps = new AtomicInteger();
        InnerLoopSpec loop = new InnerLoopSpec(3, 8, "adamw", "cosine", 0, 0.05, 1e-5, 1e-3, true, true);
        try (LoadedBackbone backbone = BackboneLoader.freshVit(SMALL, 5, Device.cpu())) {
            FineTuneListener counting = new FineTuneListener() {
                @Override
                public void onStep(int epoch, int images, long nanos) {
                    steps.incrementAndGet();
                }
            };
            assertThrows(TrialCancelledException.class, () -> FineTuner.run(backbone, TRAIN, VAL, VAL,
                    new FineTuneSettings(loop, 1e-3, 1, TOP2, true, 1L << 30, 16), counting, () -> steps.get() >= 2));
        }
        assertEquals(2, steps.get());
    }

    @Test
    void scheduleWarmsUpThenDecays() {
        LrSchedule cosine = new LrSchedule(1e-3, "cosine", 10, 110);
        assertEquals(1e-4, cosine.at(0), 1e-12);
        assertEquals(1e-3, cosine.at(10), 1e-12);
        assertEquals(5e-4, cosine.at(60), 1e-9);
        assertTrue(cosine.at(109) < 1e-5);
        LrSchedule step = new LrSchedule(1e-3, "step", 0, 100);
        assertEquals(1e-3, step.at(49), 1e-12);
        assertEquals(1e-4, step.at(50), 1e-12);
        assertEquals(1e-5, step.at(80), 1e-12);
        assertEquals(1e-3, new LrSchedule(1e-3, "constant", 0, 100).at(99), 1e-12);
    }

    @Test
    void classWeightsAreInverseFrequency() {
        float[] w = WeightedCrossEntropy.inverseFrequency(new int[] {0, 0, 0, 1}, 2);
        assertEquals(4f / 6f, w[0], 1e-6);
        assertEquals(2f, w[1], 1e-6);
    }
}
