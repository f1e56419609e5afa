package io.fairtune.trainer.training;

import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.InnerLoopSpec;

/**
 * One fine-tuning run.
 *
 * @param prefixCache      reuse frozen-prefix activations across epochs when augmentation is off
 * @param prefixCacheBytes largest activation cache allowed (train + monitored split); beyond it, recompute
 * @param evalBatch        batch size for prediction
 */
public record FineTuneSettings(InnerLoopSpec loop, double learningRate, long seed, ParameterSelection selection,
                               boolean prefixCache, long prefixCacheBytes, int evalBatch) {
}
