package io.fairtune.optimizer.api;

import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.StudySpec;
import io.fairtune.model.study.StudySpecValidator;
import io.fairtune.optimizer.domain.Study;
import io.fairtune.optimizer.domain.TrialState;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A study with its progress: {@code counted} search trials (complete + failed + pruned) out of
 * {@code trialBudget}; {@code bestObjective} is the first objective of the best trial (null: none yet);
 * {@code reevaluationTrials} and {@code finalTrials} count those phases' trials by state;
 * {@code warnings} say in words what in the spec is valid but probably not meant.
 */
public record StudyView(String id, String name, String state, StudySpec spec, DatasetRef dataset,
                        Instant createdAt, Instant updatedAt, Instant completedAt, int trialBudget, long counted,
                        long inFlight, long complete, long failed, long pruned, Map<TrialState, Long> searchTrials,
                        Map<TrialState, Long> reevaluationTrials, Map<TrialState, Long> finalTrials,
                        Double bestObjective, List<String> warnings) {

    static StudyView of(Study s, Map<TrialState, Long> search, Map<TrialState, Long> reevaluation,
                        Map<TrialState, Long> fin, Double bestObjective) {
        long complete = search.getOrDefault(TrialState.COMPLETE, 0L);
        long failed = search.getOrDefault(TrialState.FAILED, 0L);
        long pruned = search.getOrDefault(TrialState.PRUNED, 0L);
        long inFlight = 0;
        for (TrialState st : TrialState.IN_FLIGHT) {
            inFlight += search.getOrDefault(st, 0L) + reevaluation.getOrDefault(st, 0L) + fin.getOrDefault(st, 0L);
        }
        return new StudyView(s.id, s.name, s.state.name(), s.spec(), new DatasetRef(s.datasetManifest, s.datasetSha256),
                s.createdAt, s.updatedAt, s.completedAt, s.spec().trialBudget(), complete + failed + pruned,
                inFlight, complete, failed, pruned, search, reevaluation, fin, bestObjective, StudySpecValidator.warnings(s.spec()));
    }
}
