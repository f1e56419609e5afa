package io.fairtune.model.events;

import java.time.Instant;

/**
 * Heartbeat and per-epoch report. {@code epoch} is 0 for a pure heartbeat sent while an epoch runs.
 * {@code intermediateObjective} is the study's first objective on the validation split after this
 * epoch (null when undefined or not computed); pruners act on it.
 */
public record TrialProgress(
        int schemaVersion,
        String studyId,
        String trialId,
        int attempt,
        String trainerId,
        int epoch,
        int totalEpochs,
        Double trainLoss,
        Double intermediateObjective,
        Double imagesPerSecond,
        Instant at) implements TrialEvent {
}
