package io.fairtune.trainer.training;

import io.fairtune.trainer.model.SafetensorsWriter.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Everything a training run needs to continue exactly where another one stopped: the same seed and inputs then
 * give bit-identical scores and losses, as if the run had never been interrupted.
 *
 * @param epoch          the epoch to continue in (1-based; epochs + 1 once every epoch is done)
 * @param step           optimizer steps already done in that epoch (0: at its start)
 * @param globalStep     optimizer steps done in all epochs
 * @param epochLossSum   the epoch's running sum of loss x batch size, up to {@code step}
 * @param epochSeen      images the epoch trained on, up to {@code step}
 * @param epochLosses    mean training loss of every finished epoch
 * @param random         the epoch's shuffling and augmentation generator after {@code step} steps (a serialised
 *                       {@link java.util.Random}); null at an epoch's start, where it is derived from the seed
 * @param tensors        trainable parameters ({@value #PARAMETER}name) and optimizer state (e.g. {@code adamw.m/}name)
 * @param updateCounts   the optimizer's per-parameter update count (it drives the learning-rate schedule), by name
 */
public record TrainingState(int epoch, int step, int globalStep, double epochLossSum, int epochSeen,
                            List<Double> epochLosses, byte[] random, Map<String, Tensor> tensors,
                            Map<String, Integer> updateCounts) {

    /** Prefix of a trainable parameter's tensor name. */
    public static final String PARAMETER = "param/";

    /** A position without model state: what the load generator, which trains nothing, saves. */
    public static TrainingState position(int epoch, int step) {
        return new TrainingState(epoch, step, 0, 0, 0, List.of(), null, Map.of(), Map.of());
    }
}
