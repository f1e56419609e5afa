package io.fairtune.model.study;

import java.util.List;

/**
 * Everything that defines a study. The same spec and seed give the same trials.
 *
 * @param dataset            manifest path relative to the data root
 * @param sensitiveAttribute manifest column whose groups the objective is about (e.g. "sex")
 * @param reportAttributes   other sensitive columns reported alongside (e.g. "age_binary")
 * @param searchSpace        one of {@link io.fairtune.model.space.SearchSpace} ids
 * @param objectives         one or two ids of {@link Objective}
 * @param sampler            {@code random}, {@code tpe} or {@code nsga2}
 * @param startupTrials      finished trials drawn at random before the model-based sampler takes over
 *                           (Optuna's {@code n_startup_trials}, default {@value #DEFAULT_STARTUP_TRIALS})
 * @param trialBudget        search trials that count (completed or failed for good)
 * @param parallelism        trials in flight at once
 * @param threshold          {@code fixed} or {@code f1-optimal}
 * @param maxAttempts        attempts per trial before it is FAILED (lease expiries and retryable failures)
 * @param leaseSeconds       a RUNNING trial silent for this long becomes STALE and is re-proposed
 */
public record StudySpec(
        String name,
        String dataset,
        String sensitiveAttribute,
        List<String> reportAttributes,
        BackboneSpec backbone,
        String searchSpace,
        List<String> objectives,
        String sampler,
        Integer startupTrials,
        Integer trialBudget,
        Integer parallelism,
        InnerLoopSpec innerLoop,
        PrunerSpec pruner,
        FinalPhaseSpec finalPhase,
        String threshold,
        Integer bootstrapSamples,
        Integer maxAttempts,
        Integer leaseSeconds,
        Long seed) {

    /** As Optuna's TPESampler. */
    public static final int DEFAULT_STARTUP_TRIALS = 10;

    public StudySpec {
        reportAttributes = reportAttributes == null ? List.of() : List.copyOf(reportAttributes);
        objectives = objectives == null ? List.of() : List.copyOf(objectives);
    }

    /** Fills the optional fields a user may omit; required fields stay null so validation names them. */
    public StudySpec withDefaults() {
        return new StudySpec(
                name,
                dataset,
                sensitiveAttribute,
                reportAttributes,
                backbone,
                searchSpace,
                objectives.isEmpty() ? List.of(Objective.MIN_AUC.id()) : objectives,
                sampler == null ? "tpe" : sampler,
                startupTrials == null ? DEFAULT_STARTUP_TRIALS : startupTrials,
                trialBudget,
                parallelism == null ? 1 : parallelism,
                innerLoop == null ? InnerLoopSpec.defaults() : innerLoop,
                pruner == null ? PrunerSpec.none() : pruner,
                finalPhase == null ? FinalPhaseSpec.none() : finalPhase.withDefaults(),
                threshold == null ? EvaluationSpec.THRESHOLD_FIXED : threshold,
                bootstrapSamples == null ? 200 : bootstrapSamples,
                maxAttempts == null ? 3 : maxAttempts,
                leaseSeconds == null ? 300 : leaseSeconds,
                seed == null ? 0L : seed);
    }

    public List<Objective> objectiveList() {
        return objectives.stream().map(id -> Objective.byId(id).orElseThrow()).toList();
    }

    public boolean multiObjective() {
        return objectives.size() > 1;
    }

    /** What the evaluator needs, derived from this spec. */
    public EvaluationSpec evaluationSpec() {
        return new EvaluationSpec(sensitiveAttribute, reportAttributes, objectives, threshold,
                bootstrapSamples == null ? 0 : bootstrapSamples, seed == null ? 0L : seed);
    }
}
