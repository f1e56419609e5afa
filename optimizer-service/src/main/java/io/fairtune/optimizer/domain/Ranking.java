package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.sampler.ParetoFront;
import java.util.ArrayList;
import java.util.List;

/**
 * Which search trials are best. Only COMPLETE trials whose objectives are all defined qualify: an undefined
 * objective never wins and is never on the front.
 */
public final class Ranking {

    private Ranking() {
    }

    /** A trial's objectives turned "larger is better"; NaN where undefined and for trials that ended unscored. */
    public static double[] maximized(Trial t, List<Objective> objectives) {
        return Objective.maximized(objectives, t.state == TrialState.COMPLETE ? t.objectives() : null);
    }

    /** Highest first objective (maximised), ties by the second, then the lowest number. */
    public static Trial best(StudySpec spec, List<Trial> trials) {
        Trial best = null;
        double[] bestValues = null;
        for (Trial t : ranked(spec, trials)) {
            double[] v = maximized(t, spec.objectiveList());
            if (best == null || better(v, bestValues)) {
                best = t;
                bestValues = v;
            }
        }
        return best;
    }

    /** Up to {@code k} qualifying search trials, best first (the order {@link #best} uses). */
    public static List<Trial> top(StudySpec spec, List<Trial> trials, int k) {
        List<Trial> sorted = new ArrayList<>(ranked(spec, trials));
        // stable sort: equal values keep trial order, so the lower number comes first as in best()
        sorted.sort((a, b) -> better(maximized(a, spec.objectiveList()), maximized(b, spec.objectiveList())) ? -1
                : better(maximized(b, spec.objectiveList()), maximized(a, spec.objectiveList())) ? 1 : 0);
        return List.copyOf(sorted.subList(0, Math.min(k, sorted.size())));
    }

    /** The first objective of the best trial in its natural direction, or null when none is defined yet. */
    public static Double bestFirstObjective(StudySpec spec, List<Trial> searchTrials) {
        Trial best = best(spec, searchTrials);
        return best == null ? null : best.objectives().get(0);
    }

    /** Non-dominated trials among those that qualify, in trial order. */
    public static List<Trial> paretoFront(StudySpec spec, List<Trial> searchTrials) {
        List<Trial> candidates = ranked(spec, searchTrials);
        List<double[]> points = candidates.stream().map(t -> maximized(t, spec.objectiveList())).toList();
        List<Trial> front = new ArrayList<>();
        for (int i : ParetoFront.front(points)) {
            front.add(candidates.get(i));
        }
        return front;
    }

    private static List<Trial> ranked(StudySpec spec, List<Trial> trials) {
        return trials.stream().filter(t -> t.phase == TrialPhase.SEARCH && t.state == TrialState.COMPLETE)
                .filter(t -> allDefined(maximized(t, spec.objectiveList()))).toList();
    }

    private static boolean better(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return a[i] > b[i];
            }
        }
        return false;
    }

    private static boolean allDefined(double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }
}
