package io.fairtune.trainer.training;

import java.util.List;

/**
 * @param scores          softmax[1] of every sample of the predicted split, in split order
 * @param gradientFloor   lowest trainable block (-1: embeddings train), below which no gradient flows
 * @param prefixCached    whether frozen-prefix activations were computed once and reused
 */
public record FineTuneResult(double[] scores, List<Double> epochLosses, int epochsTrained, double trainSeconds,
                             double imagesPerSecond, int gradientFloor, boolean prefixCached,
                             long trainableScalars, long totalScalars) {
}
