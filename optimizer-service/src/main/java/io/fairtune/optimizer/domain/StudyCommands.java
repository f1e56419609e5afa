package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.StudySpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

/** What an operator asks of a study: create, pause, resume, cancel, enqueue a fixed mask. */
@ApplicationScoped
public class StudyCommands {

    @Inject StudyLock lock;
    @Inject StudyPlanner planner;
    @Inject Studies studies;
    @Inject Trials trials;
    @Inject TrialFactory factory;
    @Inject StudyMetrics metrics;

    public Study create(StudySpec spec, DatasetRef dataset) {
        Study study = lock.change(out -> {
            Study s = new Study();
            s.id = UUID.randomUUID().toString();
            s.name = spec.name();
            s.setSpec(spec);
            s.state = StudyState.RUNNING;
            s.seed = spec.seed();
            s.datasetManifest = dataset.manifest();
            s.datasetSha256 = dataset.sha256();
            s.createdAt = Instant.now();
            s.updatedAt = s.createdAt;
            studies.persist(s);
            return s;
        });
        metrics.bestObjective(study.id, null);
        planner.fill(study.id);
        return study;
    }

    public void pause(String id) {
        changeState(id, study -> {
            if (study.state == StudyState.RUNNING || study.state == StudyState.FINALIZING) {
                study.transition(StudyState.PAUSED);
            } else if (study.state != StudyState.PAUSED) {
                throw new StudyConflictException("study " + id + " is " + study.state + " and cannot be paused");
            }
        });
    }

    public void resume(String id) {
        changeState(id, study -> {
            if (study.state == StudyState.PAUSED) {
                study.transition(finalStarted(id) ? StudyState.FINALIZING : StudyState.RUNNING);
            } else if (!study.state.proposes()) {
                throw new StudyConflictException("study " + id + " is " + study.state + " and cannot be resumed");
            }
        });
        planner.fill(id);
    }

    public void cancel(String id) {
        changeState(id, study -> {
            if (study.state == StudyState.COMPLETED) {
                throw new StudyConflictException("study " + id + " is already COMPLETED");
            }
            study.transition(StudyState.CANCELLED);
        });
    }

    /** Queues a fixed mask as a search trial; it takes the next free slot and counts toward the budget. */
    public Trial enqueue(String id, String mask, double learningRate) {
        Trial queued = lock.change(out -> {
            Study study = studies.require(id);
            if (study.state != StudyState.RUNNING && study.state != StudyState.PAUSED) {
                throw new StudyConflictException("study " + id + " is " + study.state
                        + ": trials can be enqueued only while it searches");
            }
            long planned = trials.countInPhase(id, TrialPhase.SEARCH);
            if (finalStarted(id) || planned >= study.spec().trialBudget()) {
                throw new StudyConflictException("study " + id + " has planned its whole budget of "
                        + study.spec().trialBudget() + " search trials");
            }
            return factory.enqueued(study, mask, learningRate);
        });
        planner.fill(id);
        return queued;
    }

    private boolean finalStarted(String id) {
        return trials.countInPhase(id, TrialPhase.FINAL) > 0;
    }

    /** A cancelled study stops every open trial, and tells the trainers holding one. */
    private void changeState(String id, Consumer<Study> change) {
        lock.change(out -> {
            Study study = studies.require(id);
            change.accept(study);
            if (study.state == StudyState.CANCELLED) {
                Instant now = Instant.now();
                for (Trial t : trials.open(id)) {
                    if (TrialLifecycle.cancelWithStudy(t, now)) {
                        out.cancels.add(TrialLifecycle.cancellation(t, "study cancelled", now));
                    }
                }
            }
            return null;
        });
    }
}
