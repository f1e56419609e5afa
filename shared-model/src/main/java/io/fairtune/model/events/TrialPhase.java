package io.fairtune.model.events;

import io.fairtune.model.data.Splits;

/**
 * SEARCH trials are scored on validation and drive the sampler; REEVAL trials retrain the top search masks on
 * fresh seeds, scored on validation, to choose the winner by more than one seed; FINAL trials retrain and score
 * on test.
 */
public enum TrialPhase {
    SEARCH(Splits.VAL),
    REEVAL(Splits.VAL),
    FINAL(Splits.TEST);

    private final String evalSplit;

    TrialPhase(String evalSplit) {
        this.evalSplit = evalSplit;
    }

    /** The split a trial of this phase is predicted and scored on. */
    public String evalSplit() {
        return evalSplit;
    }
}
