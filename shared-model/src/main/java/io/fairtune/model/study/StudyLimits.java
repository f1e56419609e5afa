package io.fairtune.model.study;

/**
 * Upper bounds a deployment puts on any study, so that one request cannot exhaust the cluster.
 * Services read these from configuration; the defaults suit one machine.
 */
public record StudyLimits(int maxTrialBudget, int maxParallelism, int maxEpochs, int maxBatchSize,
                          int maxImageSize, int maxFinalSeeds, int maxBootstrapSamples, int maxAttempts,
                          int maxNameLength) {

    public static StudyLimits defaults() {
        return new StudyLimits(5000, 64, 200, 1024, 512, 20, 10000, 10, 200);
    }
}
