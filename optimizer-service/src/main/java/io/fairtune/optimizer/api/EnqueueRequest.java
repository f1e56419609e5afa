package io.fairtune.optimizer.api;

/**
 * @param mask         a bit string over the study's space ("0101...") or a baseline ("baseline:full")
 * @param learningRate optional; defaults to the geometric midpoint of [lrMin, lrMax]
 */
public record EnqueueRequest(String mask, Double learningRate) {
}
