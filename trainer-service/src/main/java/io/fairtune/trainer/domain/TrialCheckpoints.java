package io.fairtune.trainer.domain;

import io.fairtune.model.events.TrialProposed;
import java.util.Optional;

/**
 * The port for a trial's saved training state, keyed by study and trial (not by attempt: a later attempt of the
 * same trial with the same configuration continues from it too). Implementations never fail a trial: a state
 * that cannot be read is reported in words and treated as absent, one that cannot be written is skipped.
 */
public interface TrialCheckpoints {

    /** False when checkpoints are off: runs then take no snapshot of their state at all. */
    boolean enabled();

    /** The trial's checkpoint if one exists for exactly {@code fingerprint}; one for another configuration is ignored. */
    Optional<TrialCheckpoint> load(TrialProposed trial, String fingerprint);

    /** Replaces the trial's checkpoint, atomically: a reader sees the previous one or this one, whole. */
    void save(TrialProposed trial, TrialCheckpoint checkpoint);

    /** The trial ended (trained, failed or cancelled): nothing will resume it. */
    void delete(TrialProposed trial);

    /** A checkpoint {@link #load} returned turned out not to fit the run: it is dropped and never offered again. */
    default void discard(TrialProposed trial, String why) {
        delete(trial);
    }
}
