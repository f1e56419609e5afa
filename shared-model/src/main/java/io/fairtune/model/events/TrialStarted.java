package io.fairtune.model.events;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.time.Instant;

/**
 * A trainer took the trial; the optimizer marks it RUNNING and starts its lease. {@code resumed} is set when the
 * trainer continued from a checkpoint an earlier run of the same trial left behind (null: from the start).
 */
public record TrialStarted(
        int schemaVersion,
        String studyId,
        String trialId,
        int attempt,
        String trainerId,
        Instant startedAt,
        // optional on input although the mapper requires every creator property: trainers older than this field
        // send no "resumed", and their TrialStarted is a valid event, not one for the dead-letter topic
        @JacksonInject(value = "TrialStarted.resumed", useInput = OptBoolean.TRUE, optional = OptBoolean.TRUE)
        Resumption resumed) implements TrialEvent {

    /** A start from the beginning. */
    public TrialStarted(int schemaVersion, String studyId, String trialId, int attempt, String trainerId,
                        Instant startedAt) {
        this(schemaVersion, studyId, trialId, attempt, trainerId, startedAt, null);
    }

    /**
     * Where a resumed run picks up: after {@code step} optimizer steps of {@code epoch} (0: at the epoch's
     * start), with {@code trainerSeconds} of training that an earlier run did and this one does not repeat.
     */
    public record Resumption(int epoch, int step, double trainerSeconds) {
    }
}
