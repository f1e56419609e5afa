package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.persistence.StudyEntity;
import io.fairtune.optimizer.persistence.TrialEntity;
import io.fairtune.optimizer.sampler.ParetoFront;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Read-side questions about studies; callers provide the transaction (REST requests, the engine). */
public final class StudyQueries {

    private StudyQueries() {
    }

    public static StudyEntity study(String id) {
        StudyEntity s = StudyEntity.findById(id);
        if (s == null) {
            throw new StudyNotFoundException(id);
        }
        return s;
    }

    public static Map<TrialState, Long> counts(String studyId, TrialPhase phase) {
        Map<TrialState, Long> out = new EnumMap<>(TrialState.class);
        List<Object[]> rows = TrialEntity.getEntityManager().createQuery(
                "select t.state, count(t) from TrialEntity t where t.studyId = ?1 and t.phase = ?2 group by t.state",
                Object[].class).setParameter(1, studyId).setParameter(2, phase).getResultList();
        for (Object[] r : rows) {
            out.put((TrialState) r[0], (Long) r[1]);
        }
        return out;
    }

    /**
     * Published trials that still occupy a trainer (PROPOSED or RUNNING), across all studies, per proposals
     * partition. STALE trials are excluded: their trainer went silent.
     */
    public static Map<Integer, Long> inFlightByPartition() {
        Map<Integer, Long> out = new java.util.HashMap<>();
        List<Object[]> rows = TrialEntity.getEntityManager().createQuery(
                "select t.kafkaPartition, count(t) from TrialEntity t where t.kafkaPartition is not null "
                        + "and t.publishedAt is not null and t.state in ?1 group by t.kafkaPartition", Object[].class)
                .setParameter(1, java.util.EnumSet.of(TrialState.PROPOSED, TrialState.RUNNING)).getResultList();
        for (Object[] r : rows) {
            out.put((Integer) r[0], (Long) r[1]);
        }
        return out;
    }

    public static Map<TrialState, Long> countsAllStudies() {
        Map<TrialState, Long> out = new EnumMap<>(TrialState.class);
        List<Object[]> rows = TrialEntity.getEntityManager().createQuery(
                "select t.state, count(t) from TrialEntity t group by t.state", Object[].class).getResultList();
        for (Object[] r : rows) {
            out.put((TrialState) r[0], (Long) r[1]);
        }
        return out;
    }

    /**
     * The best search trial: highest first objective (maximised), ties by the second, then the lowest number.
     * Only COMPLETE trials whose objectives are all defined qualify: an undefined objective never wins.
     */
    public static TrialEntity best(StudySpec spec, List<TrialEntity> trials) {
        List<Objective> objectives = spec.objectiveList();
        TrialEntity best = null;
        double[] bestValues = null;
        for (TrialEntity t : trials) {
            if (t.phase != TrialPhase.SEARCH || t.state != TrialState.COMPLETE) {
                continue;
            }
            double[] v = TrialFactory.maximized(t, objectives);
            if (!allDefined(v)) {
                continue;
            }
            if (best == null || better(v, bestValues)) {
                best = t;
                bestValues = v;
            }
        }
        return best;
    }

    private static boolean better(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                return a[i] > b[i];
            }
        }
        return false;
    }

    static boolean allDefined(double[] v) {
        for (double x : v) {
            if (Double.isNaN(x)) {
                return false;
            }
        }
        return true;
    }

    /** The first objective of the best trial in its natural direction, or null when none is defined yet. */
    public static Double bestFirstObjective(StudyEntity study) {
        TrialEntity best = best(study.spec(), TrialEntity.ofStudy(study.id, TrialPhase.SEARCH));
        return best == null ? null : best.objectives().get(0);
    }

    /** Non-dominated COMPLETE search trials (both objectives defined), in trial order. */
    public static List<TrialEntity> paretoFront(StudyEntity study) {
        List<Objective> objectives = study.spec().objectiveList();
        List<TrialEntity> candidates = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (TrialEntity t : TrialEntity.ofStudy(study.id, TrialPhase.SEARCH)) {
            if (t.state != TrialState.COMPLETE) {
                continue;
            }
            double[] v = TrialFactory.maximized(t, objectives);
            if (allDefined(v)) {
                candidates.add(t);
                points.add(v);
            }
        }
        List<TrialEntity> front = new ArrayList<>();
        for (int i : ParetoFront.front(points)) {
            front.add(candidates.get(i));
        }
        return front;
    }
}
