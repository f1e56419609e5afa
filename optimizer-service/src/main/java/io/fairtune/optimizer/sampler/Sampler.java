package io.fairtune.optimizer.sampler;

import io.fairtune.model.study.StudySpec;
import java.util.SplittableRandom;

/**
 * Proposes the next search trial. Implementations are pure functions of (context, random stream): the
 * service seeds the stream from the study seed and trial number, so a study replays identically.
 */
public interface Sampler {

    Proposal propose(SamplerContext context, SplittableRandom random);

    /** The sampler a study names, with its settings from the spec (defaults filled in). */
    static Sampler of(StudySpec spec) {
        return switch (spec.sampler()) {
            case "random" -> new RandomSampler();
            case "tpe" -> new TpeSampler(spec.startupTrials(), TpeSampler.DEFAULT_CANDIDATES);
            case "nsga2" -> new Nsga2Sampler();
            default -> throw new IllegalArgumentException("unknown sampler '" + spec.sampler() + "'");
        };
    }
}
