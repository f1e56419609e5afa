package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.pruner.Pruner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Applies what trainers and evaluators report, idempotently: each event in one transaction, results deduped on
 * (trial, attempt, type) in that transaction, events of another attempt or of a finished trial ignored.
 */
@ApplicationScoped
public class TrialEventHandler {

    private static final Logger LOG = Logger.getLogger(TrialEventHandler.class);

    @Inject StudyLock lock;
    @Inject Studies studies;
    @Inject Trials trials;
    @Inject ProcessedEvents processed;
    @Inject StudyMetrics metrics;

    public void onStarted(TrialStarted e) {
        apply(e, false, (study, t, out) -> TrialLifecycle.heartbeat(t, e.trainerId(), Instant.now()),
                t -> TrialLifecycle.startedLate(t, e.attempt(), e.trainerId(), e.startedAt()));
    }

    public void onProgress(TrialProgress e) {
        apply(e, false, (study, t, out) -> {
            TrialLifecycle.heartbeat(t, e.trainerId(), Instant.now());
            if (TrialLifecycle.recordIntermediate(t, e.epoch(), e.intermediateObjective())
                    && t.phase == TrialPhase.SEARCH && study.state != StudyState.CANCELLED) {
                prune(study, t, e, out);
            }
        });
    }

    public void onFailed(TrialFailed e) {
        apply(e, true, (study, t, out) -> {
            String reason = "attempt " + e.attempt() + " failed in " + e.stage() + ": " + e.reason();
            TrialLifecycle.retryOrFail(t, reason, e.retryable(), study.spec().maxAttempts(), study.state.terminal(),
                    Instant.now());
            out.studiesToFill.add(study.id);
        });
    }

    public void onScored(TrialScored e) {
        apply(e, true, (study, t, out) -> {
            TrialLifecycle.score(t, e.objectives(), e.metrics(), Instant.now());
            if (t.phase == TrialPhase.SEARCH) {
                metrics.bestObjective(study.id, Ranking.bestFirstObjective(study.spec(),
                        trials.ofStudy(study.id, TrialPhase.SEARCH)));
            }
            out.studiesToFill.add(study.id);
        });
    }

    private void prune(Study study, Trial t, TrialProgress e, Outbox out) {
        StudySpec spec = study.spec();
        Pruner pruner = Pruner.of(spec.pruner());
        if (pruner == Pruner.NEVER) {
            return; // every epoch of every trial would otherwise read the whole study for nothing (scale bench)
        }
        Objective objective = spec.objectiveList().get(0);
        List<Map<Integer, Double>> others = new ArrayList<>();
        int finished = 0;
        for (Trial o : trials.ofStudy(study.id, TrialPhase.SEARCH)) {
            if (o.state.terminal()) {
                finished++;
            }
            if (!o.id.equals(t.id) && o.intermediateJson != null) {
                Map<Integer, Double> maximized = new TreeMap<>();
                o.intermediate().forEach((k, v) -> maximized.put(k, objective.toMaximized(v)));
                others.add(maximized);
            }
        }
        double value = objective.toMaximized(e.intermediateObjective());
        if (pruner.shouldPrune(e.epoch(), value, others, finished)) {
            Instant now = Instant.now();
            TrialLifecycle.prune(t, e.epoch(), spec.pruner().kind(), now);
            out.cancels.add(TrialLifecycle.cancellation(t, "pruned at epoch " + e.epoch(), now));
            out.studiesToFill.add(study.id);
        }
    }

    /** @param deduped results are applied once per attempt; heartbeats may repeat harmlessly */
    private void apply(TrialEvent event, boolean deduped, Handler handler) {
        apply(event, deduped, handler, t -> false);
    }

    /** @param late for an event its trial no longer accepts: what it may still record, true when it did */
    private void apply(TrialEvent event, boolean deduped, Handler handler, java.util.function.Predicate<Trial> late) {
        lock.change(out -> {
            Trial t = trials.findById(event.trialId());
            String type = event.getClass().getSimpleName();
            if (t == null) {
                LOG.debugf("ignoring %s for unknown trial %s", type, event.trialId());
            } else if (deduped && !processed.firstTime(t.id, event.attempt(), type)) {
                LOG.debugf("duplicate %s of %s", type, event.attemptKey());
            } else if (!TrialLifecycle.accepts(t, event.attempt())) {
                if (late.test(t)) {
                    return null;
                }
                LOG.debugf("ignoring %s of %s: trial is at attempt %d, %s", type, event.attemptKey(), t.attempt,
                        t.state);
            } else {
                handler.handle(studies.findById(t.studyId), t, out);
            }
            return null;
        });
    }

    @FunctionalInterface
    private interface Handler {
        void handle(Study study, Trial trial, Outbox out);
    }
}
