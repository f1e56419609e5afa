package io.fairtune.model.events;

import java.time.Instant;

/** A trainer took the trial; the optimizer marks it RUNNING and starts its lease. */
public record TrialStarted(
        int schemaVersion,
        String studyId,
        String trialId,
        int attempt,
        String trainerId,
        Instant startedAt) implements TrialEvent {
}
