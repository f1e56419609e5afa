package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.study.StudySpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Keeps each proposing study full: re-proposes STALE trials, publishes what was never published, fills free
 * slots (queued trials first, then the sampler), starts the final phase when the search budget is spent, and
 * completes the study when nothing is left open.
 */
@ApplicationScoped
public class StudyPlanner {

    private static final Logger LOG = Logger.getLogger(StudyPlanner.class);

    @Inject StudyLock lock;
    @Inject Studies studies;
    @Inject Trials trials;
    @Inject TrialFactory factory;

    /** Proposes until the study has {@code parallelism} trials in flight or its budget is planned out. */
    public void fill(String studyId) {
        lock.change(out -> {
            plan(studyId, out);
            return null;
        });
    }

    private void plan(String studyId, Outbox out) {
        Study study = studies.findById(studyId);
        if (study == null || !study.state.proposes()) {
            return;
        }
        StudySpec spec = study.spec();
        List<Trial> all = trials.ofStudy(studyId);
        for (Trial t : all) {
            if (t.state == TrialState.STALE) {
                TrialLifecycle.repropose(t);
            }
            if (t.state == TrialState.PROPOSED && t.publishedAt == null) {
                out.proposals.add(factory.event(study, t));
            }
        }
        if (study.state == StudyState.RUNNING) {
            planSearch(study, spec, all, out);
        }
        if (study.state == StudyState.FINALIZING) {
            planFinal(study, spec, all, out);
        }
    }

    private void planSearch(Study study, StudySpec spec, List<Trial> all, Outbox out) {
        long counted = all.stream().filter(t -> t.phase == TrialPhase.SEARCH && t.state.terminal()).count();
        long inFlight = all.stream().filter(t -> TrialState.IN_FLIGHT.contains(t.state)).count();
        long slots = Math.min(spec.parallelism() - inFlight, spec.trialBudget() - counted - inFlight);
        List<Trial> queued = new ArrayList<>(all.stream()
                .filter(t -> t.phase == TrialPhase.SEARCH && t.state == TrialState.QUEUED).toList());
        for (long i = 0; i < slots; i++) {
            Trial t;
            if (!queued.isEmpty()) {
                t = queued.remove(0);
                TrialLifecycle.propose(t);
            } else {
                t = factory.sampled(study, all);
                all.add(t);
            }
            out.proposals.add(factory.event(study, t));
        }
        if (counted >= spec.trialBudget() && inFlight == 0) {
            List<Trial> reevaluation = factory.reevaluation(study, all);
            all.addAll(reevaluation);
            if (reevaluation.isEmpty()) {
                all.addAll(factory.finalPhase(study, all));
            }
            study.transition(StudyState.FINALIZING);
            LOG.infof("study %s: search budget %d met, %s starts", study.id, spec.trialBudget(),
                    reevaluation.isEmpty() ? "final phase" : "re-evaluation of the top search masks");
        }
    }

    /**
     * Runs the re-evaluation, if any, then the final phase: the final trials are created only once every
     * re-evaluation trial has ended, since they retrain the mask the re-evaluation chose.
     */
    private void planFinal(Study study, StudySpec spec, List<Trial> all, Outbox out) {
        boolean reevaluating = all.stream().anyMatch(t -> t.phase == TrialPhase.REEVAL && TrialState.OPEN.contains(t.state));
        boolean finalPlanned = all.stream().anyMatch(t -> t.phase == TrialPhase.FINAL);
        if (!reevaluating && !finalPlanned && all.stream().anyMatch(t -> t.phase == TrialPhase.REEVAL)) {
            all.addAll(factory.finalPhase(study, all));
            LOG.infof("study %s: re-evaluation done, final phase starts", study.id);
        }
        long inFlight = all.stream().filter(t -> TrialState.IN_FLIGHT.contains(t.state)).count();
        List<Trial> queued = all.stream()
                .filter(t -> t.phase != TrialPhase.SEARCH && t.state == TrialState.QUEUED).toList();
        for (int i = 0; i < queued.size() && inFlight < spec.parallelism(); i++, inFlight++) {
            Trial t = queued.get(i);
            TrialLifecycle.propose(t);
            out.proposals.add(factory.event(study, t));
        }
        if (all.stream().noneMatch(t -> TrialState.OPEN.contains(t.state))) {
            study.transition(StudyState.COMPLETED);
            LOG.infof("study %s completed", study.id);
        }
    }
}
