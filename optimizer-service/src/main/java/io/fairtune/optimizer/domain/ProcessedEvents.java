package io.fairtune.optimizer.domain;

/** The events (trial, attempt, type) already applied; persistence implements it, in the caller's transaction. */
public interface ProcessedEvents {

    /** Records the event; false when it was already processed (a duplicate delivery). */
    boolean firstTime(String trialId, int attempt, String type);
}
