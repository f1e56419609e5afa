package io.fairtune.evaluator.domain;

import io.fairtune.model.events.TrialEvent;

/** Where a result (TrialScored or TrialFailed) goes; returns once the broker has it. Messaging implements it. */
public interface ResultSink {

    void publishResult(TrialEvent event);
}
