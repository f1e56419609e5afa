package io.fairtune.optimizer.sampler;

import java.util.SplittableRandom;

/**
 * Proposes the next search trial. Implementations are pure functions of (context, random stream): the
 * service seeds the stream from the study seed and trial number, so a study replays identically.
 */
public interface Sampler {

    Proposal propose(SamplerContext context, SplittableRandom random);

    static Sampler forName(String name) {
        switch (name) {
            case "random":
                return new RandomSampler();
            case "tpe":
                return new TpeSampler();
            case "nsga2":
                return new Nsga2Sampler();
            default:
                throw new IllegalArgumentException("unknown sampler '" + name + "'");
        }
    }
}
