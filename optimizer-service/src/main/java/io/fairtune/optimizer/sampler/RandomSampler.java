package io.fairtune.optimizer.sampler;

import java.util.SplittableRandom;

/** Uniform masks and log-uniform learning rates: the baseline every other sampler must beat. */
public final class RandomSampler implements Sampler {

    @Override
    public Proposal propose(SamplerContext context, SplittableRandom random) {
        boolean[] bits = MaskSpace.unusedRandom(context.bits(), context.usedMasks(), random);
        return new Proposal(bits, MaskSpace.logUniform(context.lrMin(), context.lrMax(), random));
    }
}
