package io.fairtune.optimizer.domain;

import java.util.Map;
import java.util.function.Supplier;

/** What the loop reports to monitoring; the metrics package implements it. */
public interface StudyMetrics {

    /** The best first-objective value of a study in its natural direction (null: none yet). */
    void bestObjective(String studyId, Double value);

    /** Runs the sampler and records how long it took. */
    <T> T timeSuggestion(Supplier<T> suggestion);

    void trialCounts(Map<TrialState, Long> counts);

    /** Proposals that waited behind a busy trainer and were moved to an idle one. */
    void movedToIdleTrainers(int proposals);
}
