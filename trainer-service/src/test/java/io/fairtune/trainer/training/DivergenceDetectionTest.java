package io.fairtune.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import org.junit.jupiter.api.Test;

/** A learning rate far too large makes the loss non-finite; the trainer says where, and a replay agrees. */
class DivergenceDetectionTest {

    static NonFiniteValueException diverge() {
        InnerLoopSpec loop = new InnerLoopSpec(3, 8, "sgd", "constant", 0, 0.0, 1e-5, 1e-3, false, false);
        try (LoadedBackbone backbone = BackboneLoader.freshVit(FineTunerTest.SMALL, 5, Device.cpu())) {
            return assertThrows(NonFiniteValueException.class, () -> FineTuner.run(backbone, FineTunerTest.TRAIN,
                    FineTunerTest.VAL, FineTunerTest.VAL,
                    new FineTuneSettings(loop, 1e6, 7, FineTunerTest.TOP2, true, 1L << 30, 16),
                    FineTuneListener.NONE, () -> false));
        }
    }

    @Test
    void aDivergingLossIsReportedAtTheStepWhereItFirstAppearsWithItsLearningRate() {
        NonFiniteValueException first = diverge();
        assertEquals(NonFiniteValueException.LOSS, first.quantity());
        assertTrue(first.epoch() >= 1 && first.step() >= 2, "step 1's loss comes from the initial weights: "
                + first.getMessage());
        assertEquals(1e6, first.learningRate(), 0.0);
        assertTrue(first.getMessage().matches("training loss became (NaN|[+-]Infinity) at epoch \\d, step \\d+ "
                + "\\(lr 1\\.000e\\+06\\)"), first.getMessage());
        NonFiniteValueException replay = diverge();
        assertTrue(replay.sameSiteAs(first), "same seed, same step: " + first.getMessage() + " / "
                + replay.getMessage());
    }
}
