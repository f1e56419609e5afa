package io.fairtune.trainer.training;

/** Thrown between two steps once the attempt being trained was cancelled; nothing more is published for it. */
public class TrialCancelledException extends RuntimeException {

    public TrialCancelledException() {
        super("the attempt was cancelled");
    }
}
