package io.fairtune.model.study;

/**
 * The fine-tuning recipe each trial uses. The learning rate itself is searched per trial within
 * [lrMin, lrMax] (log-uniform, as in the reference).
 *
 * @param optimizer    {@code adamw} or {@code sgd}
 * @param schedule     {@code cosine}, {@code step} or {@code constant}; warmupEpochs apply to all
 * @param augment      random resized crop and horizontal flip, seeded
 * @param classWeights weight the loss by inverse class frequency of the training split
 */
public record InnerLoopSpec(int epochs, int batchSize, String optimizer, String schedule, int warmupEpochs,
                            double weightDecay, double lrMin, double lrMax, boolean augment,
                            boolean classWeights) {

    public static InnerLoopSpec defaults() {
        return new InnerLoopSpec(3, 64, "adamw", "cosine", 0, 0.05, 1e-5, 1e-3, true, true);
    }
}
