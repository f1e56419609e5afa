package io.fairtune.optimizer.domain;

/** RUNNING searches; FINALIZING retrains the winner and baselines on test; COMPLETED has a report. */
public enum StudyState {
    RUNNING,
    PAUSED,
    FINALIZING,
    COMPLETED,
    CANCELLED;

    public boolean proposes() {
        return this == RUNNING || this == FINALIZING;
    }

    public boolean terminal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
