package io.fairtune.launcher.bench;

import java.util.List;

/**
 * One replicated benchmark: for each attribute and replicate, a TPE search and a random search with the same study
 * seed (so their final phases train on the same seeds), each followed by its final phase on test.
 *
 * @param replicates      independent searches per attribute (study seeds baseSeed, baseSeed + 1, …)
 * @param budget          search trials per study
 * @param startupTrials   random trials before TPE models the results
 * @param attributes      sensitive attributes (manifest columns), one benchmark each
 * @param finalSeeds      final-phase seeds per arm
 * @param epochs          fine-tuning epochs per trial
 * @param maxTrain        training images used (a seeded subset of the train split); 0: all
 * @param reevaluateTopK  search masks re-evaluated before the final phase (0: none)
 * @param reevaluateSeeds fresh seeds per re-evaluated mask
 * @param prunerWarmup    completed trials before successive halving prunes
 */
public record BenchSettings(int replicates, int budget, int startupTrials, List<String> attributes, int finalSeeds,
                            long baseSeed, int epochs, int maxTrain, int reevaluateTopK, int reevaluateSeeds,
                            int prunerWarmup, int parallelism) {

    public BenchSettings {
        attributes = List.copyOf(attributes);
    }

    public long studySeed(int replicate) {
        return baseSeed + replicate;
    }
}
