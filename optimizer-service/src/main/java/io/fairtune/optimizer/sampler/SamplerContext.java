package io.fairtune.optimizer.sampler;

import java.util.List;
import java.util.Set;

/**
 * The history a sampler proposes from.
 *
 * @param finished   search trials that ended (complete, pruned, failed), in trial order
 * @param inFlight   search trials proposed but not finished; samplers treat them by "constant liar"
 * @param usedMasks  every mask this study has proposed: never proposed again
 */
public record SamplerContext(int bits, double lrMin, double lrMax, int objectives, List<Observation> finished,
                             List<Observation> inFlight, Set<String> usedMasks) {
}
