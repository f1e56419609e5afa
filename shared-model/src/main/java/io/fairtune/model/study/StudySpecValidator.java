package io.fairtune.model.study;

import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.FixedMask;
import io.fairtune.model.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a spec (after {@link StudySpec#withDefaults()}) and names every invalid field at once, so a
 * user fixes a spec in one round trip. Path and manifest checks that need the file system live in the
 * services; this class only checks what the spec itself says.
 */
public final class StudySpecValidator {

    private static final Set<String> SAMPLERS = Set.of("random", "tpe", "nsga2");
    private static final Set<String> OPTIMIZERS = Set.of("adamw", "sgd");
    private static final Set<String> SCHEDULES = Set.of("cosine", "step", "constant");
    private static final Set<String> PRUNERS = Set.of("none", "median", "successive-halving");

    private final StudyLimits limits;

    public StudySpecValidator(StudyLimits limits) {
        this.limits = limits;
    }

    /** Applies defaults, validates, and returns the completed spec. */
    public StudySpec validated(StudySpec raw) {
        if (raw == null) {
            throw new InvalidStudySpecException(List.of(new FieldError("(body)", "a study spec is required")));
        }
        StudySpec spec = raw.withDefaults();
        List<FieldError> errors = validate(spec);
        if (!errors.isEmpty()) {
            throw new InvalidStudySpecException(errors);
        }
        return spec;
    }

    public List<FieldError> validate(StudySpec s) {
        List<FieldError> e = new ArrayList<>();
        if (blank(s.name())) {
            e.add(new FieldError("name", "is required"));
        } else if (s.name().length() > limits.maxNameLength()) {
            e.add(new FieldError("name", "must be at most " + limits.maxNameLength() + " characters"));
        }
        if (blank(s.dataset())) {
            e.add(new FieldError("dataset", "is required (manifest path relative to the data root)"));
        }
        if (blank(s.sensitiveAttribute())) {
            e.add(new FieldError("sensitiveAttribute", "is required (a column of the manifest)"));
        } else if (s.reportAttributes().contains(s.sensitiveAttribute())) {
            e.add(new FieldError("reportAttributes", "must not repeat sensitiveAttribute"));
        }
        if (new HashSet<>(s.reportAttributes()).size() != s.reportAttributes().size()) {
            e.add(new FieldError("reportAttributes", "contains duplicates"));
        }
        SearchSpace space = null;
        if (blank(s.searchSpace())) {
            e.add(new FieldError("searchSpace", "is required (one of " + SearchSpace.allIds() + ")"));
        } else {
            space = SearchSpace.byId(s.searchSpace()).orElse(null);
            if (space == null) {
                e.add(new FieldError("searchSpace", "unknown '" + s.searchSpace() + "' (one of "
                        + SearchSpace.allIds() + ")"));
            }
        }
        validateBackbone(s.backbone(), space, e);
        validateObjectives(s, e);
        if (!SAMPLERS.contains(s.sampler())) {
            e.add(new FieldError("sampler", "unknown '" + s.sampler() + "' (one of random, tpe, nsga2)"));
        } else if (s.sampler().equals("nsga2") && s.objectives().size() != 2) {
            e.add(new FieldError("sampler", "nsga2 needs exactly two objectives"));
        }
        if (s.trialBudget() == null) {
            e.add(new FieldError("trialBudget", "is required"));
        } else {
            range(e, "trialBudget", s.trialBudget(), 1, limits.maxTrialBudget());
        }
        range(e, "startupTrials", s.startupTrials(), 0, limits.maxTrialBudget());
        range(e, "parallelism", s.parallelism(), 1, limits.maxParallelism());
        validateInnerLoop(s.innerLoop(), e);
        PrunerSpec p = s.pruner();
        if (!PRUNERS.contains(p.kind())) {
            e.add(new FieldError("pruner.kind", "unknown '" + p.kind() + "' (one of none, median, successive-halving)"));
        }
        range(e, "pruner.warmupTrials", p.warmupTrials(), 0, limits.maxTrialBudget());
        range(e, "pruner.minEpoch", p.minEpoch(), 1, limits.maxEpochs());
        FinalPhaseSpec f = s.finalPhase();
        range(e, "finalPhase.seeds", f.seeds(), 0, limits.maxFinalSeeds());
        for (int i = 0; i < f.baselines().size(); i++) {
            String b = f.baselines().get(i);
            if (FixedMask.byId(b).isEmpty()) {
                e.add(new FieldError("finalPhase.baselines[" + i + "]", "unknown baseline '" + b + "' (one of "
                        + FixedMask.allIds() + ")"));
            }
        }
        validateReevaluation(f.reevaluate(), e);
        if (ThresholdRule.of(s.threshold()).isEmpty()) {
            e.add(new FieldError("threshold", "unknown '" + s.threshold() + "' (one of " + ThresholdRule.allIds() + ")"));
        }
        range(e, "bootstrapSamples", s.bootstrapSamples(), 0, limits.maxBootstrapSamples());
        range(e, "maxAttempts", s.maxAttempts(), 1, limits.maxAttempts());
        range(e, "leaseSeconds", s.leaseSeconds(), 5, 7 * 24 * 3600);
        return e;
    }

    /**
     * What is valid but probably not what the author meant, in words; empty when nothing is suspicious. Takes a
     * spec with defaults filled in.
     */
    public static List<String> warnings(StudySpec s) {
        List<String> w = new ArrayList<>();
        if (!"random".equals(s.sampler()) && s.trialBudget() != null && s.startupTrials() != null
                && s.trialBudget() <= s.startupTrials()) {
            w.add("trialBudget " + s.trialBudget() + " does not exceed startupTrials " + s.startupTrials() + ": the "
                    + s.sampler() + " sampler never runs, every search trial is drawn at random; raise trialBudget "
                    + "or lower startupTrials");
        }
        FinalPhaseSpec f = s.finalPhase();
        if (f != null && f.reevaluate() != null && f.seeds() == 0) {
            w.add("finalPhase.reevaluate is set but finalPhase.seeds is 0: the re-evaluated winner is never scored on "
                    + "test, so the report cannot show its test score");
        }
        return w;
    }

    private void validateBackbone(BackboneSpec b, SearchSpace space, List<FieldError> e) {
        if (b == null) {
            e.add(new FieldError("backbone", "is required"));
            return;
        }
        if (!BackboneSpec.KIND_VIT.equals(b.kind()) && !BackboneSpec.KIND_TORCHSCRIPT.equals(b.kind())) {
            e.add(new FieldError("backbone.kind", "unknown '" + b.kind() + "' (one of vit, torchscript)"));
        }
        if (blank(b.checkpoint())) {
            e.add(new FieldError("backbone.checkpoint", "is required: FairTune needs a pretrained backbone"));
        }
        range(e, "backbone.imageSize", b.imageSize(), 8, limits.maxImageSize());
        range(e, "backbone.numBlocks", b.numBlocks(), 1, 64);
        if (BackboneSpec.KIND_VIT.equals(b.kind())) {
            VitConfig v = b.vit();
            if (v == null) {
                e.add(new FieldError("backbone.vit", "is required for a vit backbone"));
            } else {
                range(e, "backbone.vit.imageSize", v.imageSize(), 8, limits.maxImageSize());
                range(e, "backbone.vit.patchSize", v.patchSize(), 1, 64);
                if (v.patchSize() > 0 && v.imageSize() % v.patchSize() != 0) {
                    e.add(new FieldError("backbone.vit.patchSize", "must divide imageSize " + v.imageSize()));
                }
                range(e, "backbone.vit.embedDim", v.embedDim(), 8, 4096);
                range(e, "backbone.vit.depth", v.depth(), 1, 64);
                range(e, "backbone.vit.numHeads", v.numHeads(), 1, 64);
                if (v.numHeads() > 0 && v.embedDim() % v.numHeads() != 0) {
                    e.add(new FieldError("backbone.vit.numHeads", "must divide embedDim " + v.embedDim()));
                }
                range(e, "backbone.vit.mlpRatio", v.mlpRatio(), 1, 16);
                if (v.numClasses() != 2) {
                    e.add(new FieldError("backbone.vit.numClasses", "must be 2 (binary label)"));
                }
                if (v.depth() != b.numBlocks()) {
                    e.add(new FieldError("backbone.numBlocks", "must equal backbone.vit.depth " + v.depth()));
                }
                if (v.imageSize() != b.imageSize()) {
                    e.add(new FieldError("backbone.imageSize", "must equal backbone.vit.imageSize " + v.imageSize()));
                }
            }
        } else if (space != null && !space.supports(BackboneLayout.generic(java.util.Collections.nCopies(1, "b."),
                List.of()))) {
            e.add(new FieldError("searchSpace", "'" + space.id() + "' needs a vit backbone; use 'blocks'"));
        }
    }

    private void validateObjectives(StudySpec s, List<FieldError> e) {
        List<String> objectives = s.objectives();
        if (objectives.size() > 2) {
            e.add(new FieldError("objectives", "at most two objectives (a Pareto study)"));
        }
        for (int i = 0; i < objectives.size(); i++) {
            if (Objective.byId(objectives.get(i)).isEmpty()) {
                e.add(new FieldError("objectives[" + i + "]", "unknown '" + objectives.get(i) + "' (one of "
                        + Objective.allIds() + ")"));
            }
        }
        if (objectives.size() == 2 && objectives.get(0).equals(objectives.get(1))) {
            e.add(new FieldError("objectives", "the two objectives must differ"));
        }
    }

    private void validateInnerLoop(InnerLoopSpec l, List<FieldError> e) {
        range(e, "innerLoop.epochs", l.epochs(), 1, limits.maxEpochs());
        range(e, "innerLoop.batchSize", l.batchSize(), 1, limits.maxBatchSize());
        if (!OPTIMIZERS.contains(l.optimizer())) {
            e.add(new FieldError("innerLoop.optimizer", "unknown '" + l.optimizer() + "' (one of adamw, sgd)"));
        }
        if (!SCHEDULES.contains(l.schedule())) {
            e.add(new FieldError("innerLoop.schedule", "unknown '" + l.schedule() + "' (one of cosine, step, constant)"));
        }
        if (l.warmupEpochs() < 0 || l.warmupEpochs() >= Math.max(1, l.epochs())) {
            e.add(new FieldError("innerLoop.warmupEpochs", "must be in [0, epochs)"));
        }
        if (!(l.weightDecay() >= 0 && l.weightDecay() < 1)) {
            e.add(new FieldError("innerLoop.weightDecay", "must be in [0, 1)"));
        }
        if (!(l.lrMin() > 0 && l.lrMin() <= 1)) {
            e.add(new FieldError("innerLoop.lrMin", "must be in (0, 1]"));
        }
        if (!(l.lrMax() > 0 && l.lrMax() <= 1)) {
            e.add(new FieldError("innerLoop.lrMax", "must be in (0, 1]"));
        } else if (l.lrMin() > l.lrMax()) {
            e.add(new FieldError("innerLoop.lrMax", "must be >= lrMin"));
        }
        if (l.maxGradNorm() != null && !(l.maxGradNorm() > 0 && Double.isFinite(l.maxGradNorm()))) {
            e.add(new FieldError("innerLoop.maxGradNorm", "must be a positive number (the largest global gradient "
                    + "L2 norm) or absent for no clipping, was " + l.maxGradNorm()));
        }
    }

    private void validateReevaluation(ReevaluationSpec r, List<FieldError> e) {
        if (r == null) {
            return;
        }
        range(e, "finalPhase.reevaluate.topK", r.topK(), 1, limits.maxTrialBudget());
        range(e, "finalPhase.reevaluate.seeds", r.seeds(), 1, limits.maxFinalSeeds());
        if (!ReevaluationSpec.SELECTIONS.contains(r.select())) {
            e.add(new FieldError("finalPhase.reevaluate.select", "unknown '" + r.select() + "' (one of "
                    + ReevaluationSpec.SELECTIONS + ")"));
        } else if (r.byLowerBound() && r.seeds() != null && r.seeds() < 2) {
            e.add(new FieldError("finalPhase.reevaluate.select", "ci-low needs at least 2 seeds (a confidence "
                    + "interval over one seed does not exist), was " + r.seeds()));
        }
    }

    private static void range(List<FieldError> e, String field, Integer value, int min, int max) {
        if (value == null) {
            e.add(new FieldError(field, "is required"));
        } else if (value < min || value > max) {
            e.add(new FieldError(field, "must be between " + min + " and " + max + ", was " + value));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
