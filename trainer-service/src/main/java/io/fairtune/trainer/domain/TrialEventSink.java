package io.fairtune.trainer.domain;

import io.fairtune.model.events.TrialEvent;
import java.util.concurrent.CompletionStage;

/** Where a trial's events go; completes when the broker has acknowledged the event. */
public interface TrialEventSink {

    CompletionStage<Void> progress(TrialEvent event);

    CompletionStage<Void> predicted(TrialEvent event);
}
