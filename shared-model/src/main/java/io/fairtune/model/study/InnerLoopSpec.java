package io.fairtune.model.study;

/**
 * The fine-tuning recipe each trial uses. The learning rate itself is searched per trial within
 * [lrMin, lrMax] (log-uniform, as in the reference).
 *
 * @param optimizer    {@code adamw} or {@code sgd}
 * @param schedule     {@code cosine}, {@code step} or {@code constant}; warmupEpochs apply to all
 * @param warmupEpochs epochs of linear warmup from lr/steps to lr before the schedule starts (0: none)
 * @param augment      random resized crop and horizontal flip, seeded
 * @param classWeights weight the loss by inverse class frequency of the training split
 * @param maxGradNorm  clip the global L2 norm of the trainable parameters' gradients to this value before each
 *                     optimizer step, as {@code torch.nn.utils.clip_grad_norm_} (timm's {@code --clip-grad});
 *                     null: no clipping
 */
public record InnerLoopSpec(int epochs, int batchSize, String optimizer, String schedule, int warmupEpochs,
                            double weightDecay, double lrMin, double lrMax, boolean augment,
                            boolean classWeights, Double maxGradNorm) {

    /** The recipe without gradient clipping. */
    public InnerLoopSpec(int epochs, int batchSize, String optimizer, String schedule, int warmupEpochs,
                         double weightDecay, double lrMin, double lrMax, boolean augment, boolean classWeights) {
        this(epochs, batchSize, optimizer, schedule, warmupEpochs, weightDecay, lrMin, lrMax, augment, classWeights,
                null);
    }

    public static InnerLoopSpec defaults() {
        return new InnerLoopSpec(3, 64, "adamw", "cosine", 0, 0.05, 1e-5, 1e-3, true, true);
    }

    /** The same recipe clipping the global gradient norm to {@code norm} (null: no clipping). */
    public InnerLoopSpec withMaxGradNorm(Double norm) {
        return new InnerLoopSpec(epochs, batchSize, optimizer, schedule, warmupEpochs, weightDecay, lrMin, lrMax,
                augment, classWeights, norm);
    }
}
