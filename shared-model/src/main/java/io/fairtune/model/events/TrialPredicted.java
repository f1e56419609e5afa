package io.fairtune.model.events;

import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.EvaluationSpec;
import java.time.Instant;
import java.util.List;

/**
 * Per-sample scores s = softmax(logits)[1] for every sample of {@code split}. Labels and sensitive
 * attributes are not sent: the evaluator reads them from the manifest whose hash is in {@code dataset}.
 */
public record TrialPredicted(
        int schemaVersion,
        String studyId,
        String trialId,
        int attempt,
        TrialPhase phase,
        String trainerId,
        DatasetRef dataset,
        String split,
        EvaluationSpec evaluation,
        List<String> sampleIds,
        double[] scores,
        int epochsTrained,
        double trainSeconds,
        Instant predictedAt) implements TrialEvent {

    public TrialPredicted {
        sampleIds = sampleIds == null ? null : List.copyOf(sampleIds);
        scores = scores == null ? null : scores.clone();
    }

    @Override
    public double[] scores() {
        return scores == null ? null : scores.clone();
    }

    // records compare arrays by identity; two copies of the same message must be equal
    @Override
    public boolean equals(Object o) {
        return o instanceof TrialPredicted p
                && schemaVersion == p.schemaVersion && attempt == p.attempt && epochsTrained == p.epochsTrained
                && Double.compare(trainSeconds, p.trainSeconds) == 0
                && java.util.Objects.equals(studyId, p.studyId) && java.util.Objects.equals(trialId, p.trialId)
                && phase == p.phase && java.util.Objects.equals(trainerId, p.trainerId)
                && java.util.Objects.equals(dataset, p.dataset) && java.util.Objects.equals(split, p.split)
                && java.util.Objects.equals(evaluation, p.evaluation)
                && java.util.Objects.equals(sampleIds, p.sampleIds) && java.util.Arrays.equals(scores, p.scores)
                && java.util.Objects.equals(predictedAt, p.predictedAt);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(studyId, trialId, attempt, split) * 31 + java.util.Arrays.hashCode(scores);
    }

    @Override
    public String toString() {
        return "TrialPredicted[studyId=" + studyId + ", trialId=" + trialId + ", attempt=" + attempt + ", split="
                + split + ", samples=" + sampleIds.size() + "]";
    }
}
