package io.fairtune.trainer.domain;

import io.fairtune.trainer.training.TrainingState;

/**
 * What a run of a trial leaves for the next run of the same trial.
 *
 * @param fingerprint    {@link TrialFingerprint} of the configuration it belongs to
 * @param trainerSeconds trainer time the runs so far spent to get here, which a run resuming from it saves
 */
public record TrialCheckpoint(String fingerprint, double trainerSeconds, TrainingState state) {
}
