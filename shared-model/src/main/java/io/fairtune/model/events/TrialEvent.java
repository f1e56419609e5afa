package io.fairtune.model.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * Every message on the trial topics. The (trialId, attempt) pair is the idempotency key: delivery is
 * at least once, so every consumer must treat a second copy of the same pair as a no-op.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = TrialProposed.class, name = "TrialProposed"),
        @JsonSubTypes.Type(value = TrialStarted.class, name = "TrialStarted"),
        @JsonSubTypes.Type(value = TrialProgress.class, name = "TrialProgress"),
        @JsonSubTypes.Type(value = TrialPredicted.class, name = "TrialPredicted"),
        @JsonSubTypes.Type(value = TrialScored.class, name = "TrialScored"),
        @JsonSubTypes.Type(value = TrialFailed.class, name = "TrialFailed"),
        @JsonSubTypes.Type(value = TrialCancelled.class, name = "TrialCancelled")
})
public sealed interface TrialEvent
        permits TrialProposed, TrialStarted, TrialProgress, TrialPredicted, TrialScored, TrialFailed, TrialCancelled {

    /** Bumped on breaking changes only; additive fields keep the version (readers ignore unknown fields). */
    int CURRENT_SCHEMA_VERSION = 1;

    int schemaVersion();

    String studyId();

    String trialId();

    int attempt();

    /** The Kafka record key: all events of one trial land on one partition, in order. */
    default String key() {
        return trialId();
    }

    /** The dedupe key consumers use. */
    default String attemptKey() {
        return trialId() + "#" + attempt();
    }
}
