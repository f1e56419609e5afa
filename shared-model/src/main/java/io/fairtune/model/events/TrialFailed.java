package io.fairtune.model.events;

import java.time.Instant;

/**
 * Training or evaluation of one attempt failed. {@code retryable} tells the optimizer whether another
 * attempt can help (an OOM or a lost pod can; a corrupt manifest cannot).
 */
public record TrialFailed(
        int schemaVersion,
        String studyId,
        String trialId,
        int attempt,
        String stage,
        String reason,
        boolean retryable,
        Instant failedAt) implements TrialEvent {

    public static final String STAGE_TRAINING = "training";
    public static final String STAGE_EVALUATION = "evaluation";
}
