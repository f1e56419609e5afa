package io.fairtune.trainer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import io.fairtune.trainer.model.GraphScalars;

/**
 * Softmax cross-entropy with per-class weights, normalised by the summed weights of the batch (PyTorch's
 * {@code CrossEntropyLoss(weight=...)}), so rare positives (melanoma) are not drowned by the majority class.
 */
public final class WeightedCrossEntropy extends Loss {

    private final float[] classWeights;

    public WeightedCrossEntropy(float[] classWeights) {
        super("weighted_ce");
        this.classWeights = classWeights.clone();
    }

    /** Inverse class frequency of {@code labels}, scaled so that a balanced set gets weight 1. */
    public static float[] inverseFrequency(int[] labels, int classes) {
        long[] counts = new long[classes];
        for (int label : labels) {
            counts[label]++;
        }
        float[] w = new float[classes];
        for (int c = 0; c < classes; c++) {
            w[c] = counts[c] == 0 ? 0f : (float) labels.length / (classes * counts[c]);
        }
        return w;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray logits = predictions.singletonOrThrow();
        NDArray oneHot = labels.singletonOrThrow().oneHot(classWeights.length).toType(logits.getDataType(), false);
        NDArray nll = logits.logSoftmax(-1).mul(oneHot).sum(new int[] {1}).neg();
        NDArray w = oneHot.matMul(logits.getManager().create(classWeights));
        return nll.mul(w).sum().div(w.sum().maximum(GraphScalars.of(w, 1e-12f)));
    }
}
