package io.fairtune.evaluator.domain;

/** What became of an evaluated attempt: scored, or failed with a reason (and then no metrics). */
public enum ReportOutcome {
    SCORED,
    FAILED
}
