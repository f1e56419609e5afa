package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialScored;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.StudySpec;
import io.fairtune.optimizer.messaging.TrialPublisher;
import io.fairtune.optimizer.metrics.OptimizerMetrics;
import io.fairtune.optimizer.persistence.ProcessedEvent;
import io.fairtune.optimizer.persistence.StudyEntity;
import io.fairtune.optimizer.persistence.TrialEntity;
import io.fairtune.optimizer.pruner.Pruner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The outer loop. Every state change runs in its own transaction under one lock (one optimizer instance owns
 * the studies), and events go out only after the change that produced them has committed: a trial is stored
 * PROPOSED first, published, then stamped published. A crash between those steps leaves an unpublished
 * PROPOSED trial, which the next fill publishes; nothing already published is sent again unless its lease
 * expires.
 */
@ApplicationScoped
public class StudyEngine {

    private static final Logger LOG = Logger.getLogger(StudyEngine.class);

    @Inject
    TrialPublisher publisher;

    @Inject
    OptimizerMetrics metrics;

    @Inject
    TrialFactory trials;

    private final ReentrantLock lock = new ReentrantLock();
    /**
     * Heartbeats sent while this optimizer was down are still in Kafka when it starts; no lease expires before the
     * optimizer has itself been listening for one full lease, so a restart never marks healthy trainers STALE.
     */
    private final Instant upSince = Instant.now();

    /** Outbound events produced by one transaction, sent after it commits. */
    private static final class Outbox {
        final List<TrialProposed> proposals = new ArrayList<>();
        final List<TrialCancelled> cancels = new ArrayList<>();
        final List<String> studiesToFill = new ArrayList<>();
    }

    private <T> T locked(Supplier<T> work) {
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    public StudyEntity create(StudySpec spec, DatasetRef dataset) {
        StudyEntity study = locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            StudyEntity s = new StudyEntity();
            s.id = UUID.randomUUID().toString();
            s.name = spec.name();
            s.setSpec(spec);
            s.state = StudyState.RUNNING;
            s.seed = spec.seed();
            s.datasetManifest = dataset.manifest();
            s.datasetSha256 = dataset.sha256();
            s.createdAt = Instant.now();
            s.updatedAt = s.createdAt;
            s.persist();
            return s;
        }));
        metrics.bestObjective(study.id, null);
        fill(study.id);
        return study;
    }

    /** Proposes until the study has {@code parallelism} trials in flight or its budget is planned out. */
    public void fill(String studyId) {
        locked(() -> {
            Outbox out = QuarkusTransaction.requiringNew().call(() -> {
                Outbox o = new Outbox();
                plan(studyId, o);
                return o;
            });
            send(out);
            return null;
        });
    }

    private void plan(String studyId, Outbox out) {
        StudyEntity study = StudyEntity.findById(studyId);
        if (study == null || !study.state.proposes()) {
            return;
        }
        StudySpec spec = study.spec();
        List<TrialEntity> all = TrialEntity.ofStudy(studyId);
        for (TrialEntity t : all) {
            if (t.state == TrialState.STALE) {
                t.attempt++;
                t.state = TrialState.PROPOSED;
                t.publishedAt = null;
                t.kafkaPartition = null;
                t.lastHeartbeat = null;
                t.trainerId = null;
            }
            if (t.state == TrialState.PROPOSED && t.publishedAt == null) {
                out.proposals.add(trials.event(study, t));
            }
        }
        if (study.state == StudyState.RUNNING) {
            planSearch(study, spec, all, out);
        }
        if (study.state == StudyState.FINALIZING) {
            planFinal(study, spec, all, out);
        }
    }

    private void planSearch(StudyEntity study, StudySpec spec, List<TrialEntity> all, Outbox out) {
        long counted = all.stream().filter(t -> t.phase == TrialPhase.SEARCH && t.state.terminal()).count();
        long inFlight = all.stream().filter(t -> TrialState.IN_FLIGHT.contains(t.state)).count();
        long slots = Math.min(spec.parallelism() - inFlight, spec.trialBudget() - counted - inFlight);
        List<TrialEntity> queued = new ArrayList<>(all.stream()
                .filter(t -> t.phase == TrialPhase.SEARCH && t.state == TrialState.QUEUED).toList());
        for (long i = 0; i < slots; i++) {
            TrialEntity t;
            if (!queued.isEmpty()) {
                t = queued.remove(0);
                t.state = TrialState.PROPOSED;
            } else {
                t = trials.sampled(study, all);
                all.add(t);
            }
            out.proposals.add(trials.event(study, t));
        }
        if (counted >= spec.trialBudget() && inFlight == 0) {
            all.addAll(trials.finalPhase(study, all));
            study.transition(StudyState.FINALIZING);
            LOG.infof("study %s: search budget %d met, final phase starts", study.id, spec.trialBudget());
        }
    }

    private void planFinal(StudyEntity study, StudySpec spec, List<TrialEntity> all, Outbox out) {
        long inFlight = all.stream().filter(t -> TrialState.IN_FLIGHT.contains(t.state)).count();
        List<TrialEntity> queued = all.stream()
                .filter(t -> t.phase == TrialPhase.FINAL && t.state == TrialState.QUEUED).toList();
        for (int i = 0; i < queued.size() && inFlight < spec.parallelism(); i++, inFlight++) {
            TrialEntity t = queued.get(i);
            t.state = TrialState.PROPOSED;
            out.proposals.add(trials.event(study, t));
        }
        boolean open = all.stream().anyMatch(t -> t.state == TrialState.QUEUED || TrialState.IN_FLIGHT.contains(t.state));
        if (!open) {
            study.transition(StudyState.COMPLETED);
            LOG.infof("study %s completed", study.id);
        }
    }

    private void send(Outbox out) {
        for (TrialCancelled c : out.cancels) {
            publisher.cancel(c);
        }
        TrialPublisher.Proposals proposals = out.proposals.isEmpty() ? null
                : publisher.proposals(QuarkusTransaction.requiringNew().call(StudyQueries::inFlightByPartition));
        for (TrialProposed p : out.proposals) {
            Integer partition = proposals.send(p);
            QuarkusTransaction.requiringNew().run(() -> {
                TrialEntity t = TrialEntity.findById(p.trialId());
                if (t != null && t.attempt == p.attempt() && t.state == TrialState.PROPOSED && t.publishedAt == null) {
                    t.publishedAt = Instant.now();
                    t.lastHeartbeat = t.publishedAt;
                    t.kafkaPartition = partition;
                }
            });
        }
        for (String studyId : out.studiesToFill) {
            fill(studyId);
        }
    }

    /** Applies one inbound event in a transaction, then sends what it produced. */
    private void apply(TrialEvent event, String dedupeType, Handler handler) {
        locked(() -> {
            Outbox out = QuarkusTransaction.requiringNew().call(() -> {
                Outbox o = new Outbox();
                TrialEntity t = TrialEntity.findById(event.trialId());
                if (t == null) {
                    LOG.debugf("ignoring %s for unknown trial %s", event.getClass().getSimpleName(), event.trialId());
                    return o;
                }
                if (dedupeType != null && !ProcessedEvent.firstTime(t.id, event.attempt(), dedupeType)) {
                    LOG.debugf("duplicate %s of %s", dedupeType, event.attemptKey());
                    return o;
                }
                if (event.attempt() != t.attempt || t.state.terminal() || t.state == TrialState.QUEUED) {
                    LOG.debugf("ignoring %s of %s: trial is at attempt %d, %s", event.getClass().getSimpleName(),
                            event.attemptKey(), t.attempt, t.state);
                    return o;
                }
                StudyEntity study = StudyEntity.findById(t.studyId);
                handler.handle(study, t, o);
                return o;
            });
            send(out);
            return null;
        });
    }

    @FunctionalInterface
    private interface Handler {
        void handle(StudyEntity study, TrialEntity trial, Outbox out);
    }

    public void onStarted(TrialStarted e) {
        apply(e, null, (study, t, out) -> heartbeat(t, e.trainerId()));
    }

    public void onProgress(TrialProgress e) {
        apply(e, null, (study, t, out) -> {
            heartbeat(t, e.trainerId());
            if (e.epoch() > 0 && e.intermediateObjective() != null && !e.intermediateObjective().isNaN()) {
                TreeMap<Integer, Double> byEpoch = t.intermediate();
                byEpoch.put(e.epoch(), e.intermediateObjective());
                t.setIntermediate(byEpoch);
                if (t.phase == TrialPhase.SEARCH && study.state != StudyState.CANCELLED) {
                    prune(study, t, e, out);
                }
            }
        });
    }

    private static void heartbeat(TrialEntity t, String trainerId) {
        Instant now = Instant.now();
        if (t.state == TrialState.PROPOSED || t.state == TrialState.STALE) {
            t.state = TrialState.RUNNING;
            t.startedAt = now;
        }
        t.lastHeartbeat = now;
        if (trainerId != null) {
            t.trainerId = trainerId;
        }
    }

    private void prune(StudyEntity study, TrialEntity t, TrialProgress e, Outbox out) {
        StudySpec spec = study.spec();
        Objective objective = spec.objectiveList().get(0);
        List<Map<Integer, Double>> others = new ArrayList<>();
        int finished = 0;
        for (TrialEntity o : TrialEntity.ofStudy(study.id, TrialPhase.SEARCH)) {
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
        if (Pruner.of(spec.pruner()).shouldPrune(e.epoch(), value, others, finished)) {
            t.finish(TrialState.PRUNED);
            t.appendFailure("pruned at epoch " + e.epoch() + " by the " + spec.pruner().kind() + " pruner");
            out.cancels.add(cancelled(t, "pruned at epoch " + e.epoch()));
            out.studiesToFill.add(study.id);
        }
    }

    public void onFailed(TrialFailed e) {
        apply(e, "TrialFailed", (study, t, out) -> {
            String reason = "attempt " + e.attempt() + " failed in " + e.stage() + ": " + e.reason();
            retryOrFail(study, t, reason, e.retryable(), out);
        });
    }

    private void retryOrFail(StudyEntity study, TrialEntity t, String reason, boolean retryable, Outbox out) {
        t.appendFailure(reason);
        int maxAttempts = study.spec().maxAttempts();
        if (retryable && t.attempt < maxAttempts && !study.state.terminal()) {
            t.state = TrialState.STALE;
        } else {
            t.finish(TrialState.FAILED);
            if (retryable) {
                t.appendFailure("gave up after " + t.attempt + " of " + maxAttempts + " attempts");
            }
        }
        out.studiesToFill.add(study.id);
    }

    public void onScored(TrialScored e) {
        apply(e, "TrialScored", (study, t, out) -> {
            t.setObjectives(e.objectives());
            t.setMetrics(e.metrics());
            t.finish(TrialState.COMPLETE);
            if (t.phase == TrialPhase.SEARCH) {
                metrics.bestObjective(study.id, StudyQueries.bestFirstObjective(study));
            }
            out.studiesToFill.add(study.id);
        });
    }

    /**
     * Marks silent attempts STALE (or FAILED after maxAttempts) and tells their trainers to stop; the next
     * fill re-proposes STALE trials with attempt+1 and the same seed.
     */
    public void expireLeases() {
        locked(() -> {
            Outbox out = QuarkusTransaction.requiringNew().call(() -> {
                Outbox o = new Outbox();
                Instant now = Instant.now();
                for (StudyEntity study : StudyEntity.inState(StudyState.RUNNING, StudyState.PAUSED,
                        StudyState.FINALIZING)) {
                    int lease = study.spec().leaseSeconds();
                    Instant deadline = now.minus(Duration.ofSeconds(lease));
                    if (upSince.isAfter(deadline)) {
                        continue;
                    }
                    List<TrialEntity> silent = TrialEntity.list(
                            "studyId = ?1 and state in ?2 and lastHeartbeat < ?3", study.id,
                            List.of(TrialState.PROPOSED, TrialState.RUNNING), deadline);
                    for (TrialEntity t : silent) {
                        o.cancels.add(cancelled(t, "lease expired"));
                        LOG.infof("trial %s attempt %d: lease of %ds expired", t.id, t.attempt, lease);
                        retryOrFail(study, t, "attempt " + t.attempt + ": lease expired (no heartbeat for "
                                + lease + "s)", true, o);
                    }
                }
                return o;
            });
            send(out);
            return null;
        });
    }

    public StudyEntity pause(String id) {
        return changeState(id, study -> {
            if (study.state == StudyState.RUNNING || study.state == StudyState.FINALIZING) {
                study.transition(StudyState.PAUSED);
            } else if (study.state != StudyState.PAUSED) {
                throw new StudyConflictException("study " + id + " is " + study.state + " and cannot be paused");
            }
        });
    }

    public StudyEntity resume(String id) {
        StudyEntity s = changeState(id, study -> {
            if (study.state == StudyState.PAUSED) {
                boolean finalStarted = TrialEntity.count("studyId = ?1 and phase = ?2", id, TrialPhase.FINAL) > 0;
                study.transition(finalStarted ? StudyState.FINALIZING : StudyState.RUNNING);
            } else if (!study.state.proposes()) {
                throw new StudyConflictException("study " + id + " is " + study.state + " and cannot be resumed");
            }
        });
        fill(id);
        return StudyQueries.study(id);
    }

    public StudyEntity cancel(String id) {
        return changeState(id, study -> {
            if (study.state == StudyState.COMPLETED) {
                throw new StudyConflictException("study " + id + " is already COMPLETED");
            }
            study.transition(StudyState.CANCELLED);
        });
    }

    private StudyEntity changeState(String id, java.util.function.Consumer<StudyEntity> change) {
        return locked(() -> {
            Outbox out = new Outbox();
            StudyEntity result = QuarkusTransaction.requiringNew().call(() -> {
                StudyEntity study = StudyEntity.findById(id);
                if (study == null) {
                    throw new StudyNotFoundException(id);
                }
                change.accept(study);
                if (study.state == StudyState.CANCELLED) {
                    for (TrialEntity t : TrialEntity.<TrialEntity>list("studyId = ?1 and state in ?2", id,
                            List.of(TrialState.QUEUED, TrialState.PROPOSED, TrialState.RUNNING, TrialState.STALE))) {
                        if (t.state == TrialState.PROPOSED || t.state == TrialState.RUNNING) {
                            out.cancels.add(cancelled(t, "study cancelled"));
                        }
                        t.finish(TrialState.FAILED);
                        t.appendFailure("study cancelled");
                    }
                }
                return study;
            });
            send(out);
            return result;
        });
    }

    /** Queues a fixed mask as a search trial; it takes the next free slot and counts toward the budget. */
    public TrialEntity enqueue(String id, String mask, double learningRate) {
        TrialEntity queued = locked(() -> QuarkusTransaction.requiringNew().call(() -> {
            StudyEntity study = StudyEntity.findById(id);
            if (study == null) {
                throw new StudyNotFoundException(id);
            }
            if (study.state != StudyState.RUNNING && study.state != StudyState.PAUSED) {
                throw new StudyConflictException("study " + id + " is " + study.state
                        + ": trials can be enqueued only while it searches");
            }
            boolean finalStarted = TrialEntity.count("studyId = ?1 and phase = ?2", id, TrialPhase.FINAL) > 0;
            long planned = TrialEntity.count("studyId = ?1 and phase = ?2", id, TrialPhase.SEARCH);
            if (finalStarted || planned >= study.spec().trialBudget()) {
                throw new StudyConflictException("study " + id + " has planned its whole budget of "
                        + study.spec().trialBudget() + " search trials");
            }
            return trials.enqueued(study, mask, learningRate);
        }));
        fill(id);
        return queued;
    }

    private static TrialCancelled cancelled(TrialEntity t, String reason) {
        return new TrialCancelled(TrialEvent.CURRENT_SCHEMA_VERSION, t.studyId, t.id, t.attempt, reason, Instant.now());
    }
}
