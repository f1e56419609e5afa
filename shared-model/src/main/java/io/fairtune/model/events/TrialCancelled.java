package io.fairtune.model.events;

import java.time.Instant;

/** Optimizer to trainers: stop this attempt now (pruned, study cancelled); saves the compute. */
public record TrialCancelled(
        int schemaVersion,
        String studyId,
        String trialId,
        int attempt,
        String reason,
        Instant cancelledAt) implements TrialEvent {
}
