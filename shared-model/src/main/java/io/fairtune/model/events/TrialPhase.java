package io.fairtune.model.events;

/** SEARCH trials are scored on validation and drive the sampler; FINAL trials retrain and score on test. */
public enum TrialPhase {
    SEARCH,
    FINAL
}
