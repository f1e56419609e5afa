package io.fairtune.model.study;

/**
 * @param kind         {@code none}, {@code median} or {@code successive-halving}
 * @param warmupTrials trials that must complete before anything is pruned
 * @param minEpoch     the first epoch at which a trial can be pruned
 */
public record PrunerSpec(String kind, int warmupTrials, int minEpoch) {

    public static PrunerSpec none() {
        return new PrunerSpec("none", 0, 1);
    }
}
