package io.fairtune.trainer.training;

import java.util.Optional;

/**
 * Where a training run finds the state an earlier run of the same trial left, and leaves its own: after every
 * finished epoch, and at the current step when it is stopped to be handed back to another trainer.
 */
public interface TrainingCheckpoints {

    TrainingCheckpoints NONE = new TrainingCheckpoints() {
    };

    /** The state to continue from; empty: start from the beginning. */
    default Optional<TrainingState> resumeFrom() {
        return Optional.empty();
    }

    /** Keeps {@code state}; never throws (a checkpoint that cannot be written only costs a later run time). */
    default void save(TrainingState state) {
    }

    /** Whether a run told to stop should save where it stands: yes for a hand-back, no for a cancellation. */
    default boolean saveOnStop() {
        return false;
    }

    /** The state {@link #resumeFrom} gave does not fit this run ({@code why}): it starts from the beginning. */
    default void rejected(String why) {
    }

    /** The run cannot be checkpointed ({@code why}, in words): it neither resumes nor saves. */
    default void unavailable(String why) {
    }
}
