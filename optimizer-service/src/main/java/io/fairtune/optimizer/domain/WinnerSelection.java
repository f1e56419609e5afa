package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.metrics.Summary;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.ReevaluationSpec;
import io.fairtune.model.study.StudySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which search mask the final phase retrains. Without {@code finalPhase.reevaluate} it is the best search trial
 * ({@link Ranking#best}). With it, the top k search masks are re-trained on fresh seeds (REEVAL trials, arm
 * {@link #ARM_PREFIX}{@code <search trial number>}) and the winner is the candidate with the highest mean first
 * objective over those seeds, or the highest lower end of its 95 % interval ({@code select: ci-low}); ties go to
 * the better search rank. A candidate none of whose re-evaluations has a defined objective cannot win; when no
 * candidate has one the search's best stands.
 */
public final class WinnerSelection {

    /** REEVAL trials' arm: this prefix and the number of the search trial whose mask they retrain. */
    public static final String ARM_PREFIX = "reeval:";

    /**
     * One re-evaluated search mask.
     *
     * @param search     the search trial (mask, lr and the single-seed score it was ranked on)
     * @param validation its first objective over the re-evaluation seeds, in the objective's own direction
     * @param failed     re-evaluation seeds that failed for good
     */
    public record Candidate(Trial search, Summary validation, int failed) {
    }

    private WinnerSelection() {
    }

    /** The mask the final phase retrains; null when no search trial qualifies. */
    public static Trial winner(StudySpec spec, List<Trial> all) {
        List<Candidate> candidates = candidates(spec, all);
        Candidate chosen = chosen(spec, candidates);
        return chosen != null ? chosen.search() : Ranking.best(spec, all);
    }

    /** The re-evaluated candidates in search rank order; empty without re-evaluation. */
    public static List<Candidate> candidates(StudySpec spec, List<Trial> all) {
        ReevaluationSpec r = spec.finalPhase().reevaluate();
        if (r == null) {
            return List.of();
        }
        List<Candidate> out = new ArrayList<>();
        for (Trial search : Ranking.top(spec, all, r.topK())) {
            String arm = arm(search);
            List<Double> values = new ArrayList<>();
            int failed = 0;
            boolean any = false;
            for (Trial t : all) {
                if (t.phase != TrialPhase.REEVAL || !arm.equals(t.arm)) {
                    continue;
                }
                any = true;
                if (t.state == TrialState.FAILED) {
                    failed++;
                }
                Double v = t.state == TrialState.COMPLETE && t.objectives() != null && !t.objectives().isEmpty()
                        ? t.objectives().get(0) : null;
                if (v != null && !v.isNaN()) {
                    values.add(v);
                }
            }
            if (any) {
                out.add(new Candidate(search, Summary.of(values), failed));
            }
        }
        return out;
    }

    /** The winning candidate, or null when none has a defined re-evaluation. */
    public static Candidate chosen(StudySpec spec, List<Candidate> candidates) {
        Objective first = spec.objectiveList().get(0);
        boolean lowerBound = spec.finalPhase().reevaluate() != null && spec.finalPhase().reevaluate().byLowerBound();
        Candidate best = null;
        double bestKey = Double.NEGATIVE_INFINITY;
        for (Candidate c : candidates) {
            double key = key(first, c.validation(), lowerBound);
            if (!Double.isNaN(key) && (best == null || key > bestKey)) {
                best = c;
                bestKey = key;
            }
        }
        return best;
    }

    /**
     * The value a candidate is ranked by, larger is better: its maximised mean, minus the interval's half-width
     * for ci-low (the pessimistic end whatever the objective's direction); NaN when undefined.
     */
    static double key(Objective objective, Summary s, boolean lowerBound) {
        if (s.n() == 0) {
            return Double.NaN;
        }
        double mean = objective.toMaximized(s.mean());
        if (!lowerBound) {
            return mean;
        }
        // one seed left (the others failed) has no interval: it ranks below every candidate that has one
        return s.ci95() == null ? Double.NEGATIVE_INFINITY : mean - s.ci95();
    }

    static String arm(Trial search) {
        return ARM_PREFIX + search.number;
    }
}
