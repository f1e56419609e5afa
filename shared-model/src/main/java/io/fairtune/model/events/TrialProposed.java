package io.fairtune.model.events;

import io.fairtune.model.study.BackboneSpec;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.model.study.InnerLoopSpec;
import java.time.Instant;

/**
 * The optimizer asks a trainer to fine-tune one mask. Everything the trainer and then the evaluator need
 * travels here, so neither has to read the optimizer's database.
 *
 * @param mask        bit string over {@code searchSpace} ("0110..."), or a fixed baseline name
 * @param seed        derived from the study seed and the trial number: same attempt, same seed
 * @param evalSplit   the split the trainer predicts on: "val" in the search, "test" in the final phase
 * @param label       human-readable label for reports, e.g. "search #12" or "baseline full"
 */
public record TrialProposed(
        int schemaVersion,
        String studyId,
        String trialId,
        int attempt,
        int trialNumber,
        TrialPhase phase,
        String label,
        String searchSpace,
        String mask,
        double learningRate,
        long seed,
        BackboneSpec backbone,
        DatasetRef dataset,
        InnerLoopSpec innerLoop,
        EvaluationSpec evaluation,
        String evalSplit,
        Instant proposedAt) implements TrialEvent {
}
