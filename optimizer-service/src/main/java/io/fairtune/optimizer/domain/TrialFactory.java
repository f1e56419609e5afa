package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.space.FixedMask;
import io.fairtune.model.space.SearchSpace;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.ReevaluationSpec;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.sampler.MaskSpace;
import io.fairtune.optimizer.sampler.Observation;
import io.fairtune.optimizer.sampler.Proposal;
import io.fairtune.optimizer.sampler.Sampler;
import io.fairtune.optimizer.sampler.SamplerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Creates trials: sampled search trials, enqueued fixed masks, the re-evaluation and the final phase.
 *
 * <p>Re-evaluation ({@code finalPhase.reevaluate}): the top k search trials' masks, each with its searched lr, on
 * the same {@code reevaluate.seeds} fresh seeds (a paired comparison), scored on validation; they decide the
 * winner ({@link WinnerSelection}).
 *
 * <p>Final phase: the winner (the best search trial, or the re-evaluation's choice; for two objectives ties go to
 * the second, which makes it a member of the Pareto front) is retrained with <em>its searched learning rate</em> on
 * {@code finalPhase.seeds} seeds and scored on test. Each baseline runs on the same seeds with the geometric
 * midpoint of [lrMin, lrMax]: a baseline has no searched rate, and borrowing the winner's rate would tune
 * it for the winner's mask. If no search trial has a defined objective only the baselines run.
 */
@ApplicationScoped
public class TrialFactory {

    public static final String ARM_BEST = "best";

    @Inject
    StudyMetrics metrics;

    @Inject
    Trials trials;

    Trial sampled(Study study, List<Trial> all) {
        StudySpec spec = study.spec();
        int bits = spec.backbone().numBlocks() * SearchSpace.byId(spec.searchSpace()).orElseThrow().bitsPerBlock();
        List<Objective> objectives = spec.objectiveList();
        List<Observation> finished = new ArrayList<>();
        List<Observation> inFlight = new ArrayList<>();
        Set<String> used = new HashSet<>();
        int number = 0;
        for (Trial t : all) {
            number = Math.max(number, t.number + 1);
            if (t.phase != TrialPhase.SEARCH || t.mask.startsWith(FixedMask.PREFIX)) {
                continue;
            }
            used.add(t.mask);
            boolean[] mask = MaskSpace.fromBitString(t.mask);
            double logLr = Math.log(t.learningRate);
            if (t.state.terminal()) {
                finished.add(new Observation(mask, logLr, Ranking.maximized(t, objectives)));
            } else if (t.state != TrialState.QUEUED) {
                inFlight.add(new Observation(mask, logLr, null));
            }
        }
        SamplerContext ctx = new SamplerContext(bits, spec.innerLoop().lrMin(), spec.innerLoop().lrMax(),
                objectives.size(), finished, inFlight, used);
        SplittableRandom random = new SplittableRandom(Seeds.sampler(study.seed, number));
        Sampler sampler = Sampler.of(spec);
        Proposal p = metrics.timeSuggestion(() -> sampler.propose(ctx, random));
        Trial t = newTrial(study, number, TrialPhase.SEARCH, "search #" + number, p.maskString(),
                p.learningRate(), Seeds.trial(study.seed, number));
        TrialLifecycle.propose(t);
        trials.persist(t);
        return t;
    }

    Trial enqueued(Study study, String mask, double learningRate) {
        int number = trials.nextNumber(study.id);
        Trial t = newTrial(study, number, TrialPhase.SEARCH, "enqueued #" + number, mask, learningRate,
                Seeds.trial(study.seed, number));
        t.enqueued = true;
        t.state = TrialState.QUEUED;
        trials.persist(t);
        return t;
    }

    /** The re-evaluation trials, QUEUED; empty without {@code finalPhase.reevaluate} or a qualifying search trial. */
    List<Trial> reevaluation(Study study, List<Trial> all) {
        StudySpec spec = study.spec();
        ReevaluationSpec r = spec.finalPhase().reevaluate();
        if (r == null) {
            return List.of();
        }
        int number = all.stream().mapToInt(t -> t.number + 1).max().orElse(0);
        List<Trial> created = new ArrayList<>();
        List<Trial> top = Ranking.top(spec, all, r.topK());
        for (int k = 0; k < r.seeds(); k++) {
            long seed = Seeds.reevaluation(study.seed, k);
            for (Trial candidate : top) {
                Trial t = newTrial(study, number++, TrialPhase.REEVAL, "reeval #" + candidate.number + " seed " + (k + 1),
                        candidate.mask, candidate.learningRate, seed);
                t.arm = WinnerSelection.arm(candidate);
                t.seedIndex = k;
                t.state = TrialState.QUEUED;
                trials.persist(t);
                created.add(t);
            }
        }
        return created;
    }

    List<Trial> finalPhase(Study study, List<Trial> all) {
        StudySpec spec = study.spec();
        Trial best = WinnerSelection.winner(spec, all);
        double midpoint = Math.sqrt(spec.innerLoop().lrMin() * spec.innerLoop().lrMax());
        int number = all.stream().mapToInt(t -> t.number + 1).max().orElse(0);
        List<Trial> created = new ArrayList<>();
        for (int k = 0; k < spec.finalPhase().seeds(); k++) {
            long seed = Seeds.finalPhase(study.seed, k);
            if (best != null) {
                created.add(finalTrial(study, number++, ARM_BEST, best.mask, best.learningRate, k, seed));
            }
            for (String baseline : spec.finalPhase().baselines()) {
                String wire = FixedMask.PREFIX + baseline;
                created.add(finalTrial(study, number++, wire, wire, midpoint, k, seed));
            }
        }
        return created;
    }

    private Trial finalTrial(Study study, int number, String arm, String mask, double lr, int k,
                                   long seed) {
        String name = arm.equals(ARM_BEST) ? "best" : arm.substring(FixedMask.PREFIX.length());
        Trial t = newTrial(study, number, TrialPhase.FINAL, "final " + name + " seed " + (k + 1), mask, lr, seed);
        t.arm = arm;
        t.seedIndex = k;
        t.state = TrialState.QUEUED;
        trials.persist(t);
        return t;
    }

    private static Trial newTrial(Study study, int number, TrialPhase phase, String label, String mask,
                                        double lr, long seed) {
        Trial t = new Trial();
        t.id = UUID.randomUUID().toString();
        t.studyId = study.id;
        t.number = number;
        t.phase = phase;
        t.label = label;
        t.mask = mask;
        t.learningRate = lr;
        t.seed = seed;
        t.attempt = 1;
        t.createdAt = Instant.now();
        return t;
    }

    TrialProposed event(Study study, Trial t) {
        StudySpec spec = study.spec();
        return new TrialProposed(TrialEvent.CURRENT_SCHEMA_VERSION, study.id, t.id, t.attempt, t.number, t.phase,
                t.label, spec.searchSpace(), t.mask, t.learningRate, t.seed, spec.backbone(),
                new DatasetRef(study.datasetManifest, study.datasetSha256), spec.innerLoop(), spec.evaluationSpec(),
                t.phase.evalSplit(), Instant.now());
    }
}
