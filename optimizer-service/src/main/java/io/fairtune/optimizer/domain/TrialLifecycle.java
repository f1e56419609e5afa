package io.fairtune.optimizer.domain;

import io.fairtune.model.events.TrialCancelled;
import io.fairtune.model.events.TrialEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trial state machine, as plain functions of a trial and the time, so it is tested without a broker or a
 * database:
 * <pre>
 *   QUEUED ──propose──▶ PROPOSED ──heartbeat──▶ RUNNING ──score──▶ COMPLETE
 *                         │  ▲                     │ ──prune──▶ PRUNED
 *        retryable failure│  │repropose (attempt+1) │ ──fail (last attempt / not retryable)──▶ FAILED
 *        or lease expiry  ▼  │                     ▼
 *        (a PROPOSED attempt waiting behind a busy trainer may also move to an idle one: attempt+1, PROPOSED)
 *                        STALE ◀───────────────────┘
 * </pre>
 * Any open trial of a cancelled study becomes FAILED.
 */
public final class TrialLifecycle {

    private TrialLifecycle() {
    }

    /**
     * Whether an event of {@code attempt} still concerns the trial: results of another attempt, of a finished
     * trial, or of one never published are ignored.
     */
    public static boolean accepts(Trial t, int attempt) {
        return attempt == t.attempt && !t.state.terminal() && t.state != TrialState.QUEUED;
    }

    /** An enqueued or final-phase trial takes a free slot. */
    public static void propose(Trial t) {
        t.state = TrialState.PROPOSED;
    }

    /** A STALE trial goes out again as its next attempt, with the same seed, to whichever trainer is free. */
    public static void repropose(Trial t) {
        t.attempt++;
        t.state = TrialState.PROPOSED;
        t.publishedAt = null;
        t.kafkaPartition = null;
        t.lastHeartbeat = null;
        t.trainerId = null;
    }

    /**
     * A proposal that waited, unstarted, behind a busy trainer goes to an idle one: a new attempt number, so the
     * copy left behind (cancelled) is told apart, that does not count toward maxAttempts.
     */
    public static void move(Trial t) {
        t.moves++;
        repropose(t);
    }

    /** Attempts that ran or failed, not counting the moves of unstarted proposals. */
    public static int attemptsMade(Trial t) {
        return t.attempt - t.moves;
    }

    /** Whether a published copy of this attempt is still the one to stamp (a crash may have moved it on). */
    public static boolean awaitsPublishing(Trial t, int attempt) {
        return t.attempt == attempt && t.state == TrialState.PROPOSED && t.publishedAt == null;
    }

    /** The broker has the proposal: its lease starts now. */
    public static void published(Trial t, Integer partition, Instant now) {
        t.publishedAt = now;
        t.lastHeartbeat = now;
        t.kafkaPartition = partition;
    }

    /** TrialStarted or TrialProgress: the trainer is alive. */
    public static void heartbeat(Trial t, String trainerId, Instant now) {
        if (t.state == TrialState.PROPOSED || t.state == TrialState.STALE) {
            t.state = TrialState.RUNNING;
            t.startedAt = now;
        }
        t.lastHeartbeat = now;
        if (trainerId != null) {
            t.trainerId = trainerId;
        }
    }

    /**
     * A TrialStarted read after its attempt's result: the two travel on different topics, and a trial shorter than
     * the progress consumer's delay is scored first. It still says when and where the attempt started.
     */
    public static boolean startedLate(Trial t, int attempt, String trainerId, Instant startedAt) {
        if (attempt != t.attempt || !t.state.terminal() || t.startedAt != null || startedAt == null) {
            return false;
        }
        t.startedAt = startedAt;
        if (t.trainerId == null) {
            t.trainerId = trainerId;
        }
        return true;
    }

    /** Keeps an epoch's validation objective; false when there is none to keep (a heartbeat, or undefined). */
    public static boolean recordIntermediate(Trial t, int epoch, Double objective) {
        if (epoch <= 0 || objective == null || objective.isNaN()) {
            return false;
        }
        TreeMap<Integer, Double> byEpoch = t.intermediate();
        byEpoch.put(epoch, objective);
        t.setIntermediate(byEpoch);
        return true;
    }

    public static void score(Trial t, List<Double> objectives, Map<String, Double> metrics, Instant now) {
        t.setObjectives(objectives);
        t.setMetrics(metrics);
        t.finish(TrialState.COMPLETE, now);
    }

    public static void prune(Trial t, int epoch, String prunerKind, Instant now) {
        t.finish(TrialState.PRUNED, now);
        t.appendFailure("pruned at epoch " + epoch + " by the " + prunerKind + " pruner");
    }

    /**
     * A failed or silent attempt: STALE (re-proposed later) while attempts remain, the failure is retryable and
     * the study goes on; FAILED otherwise.
     */
    public static void retryOrFail(Trial t, String reason, boolean retryable, int maxAttempts, boolean studyOver,
                                   Instant now) {
        t.appendFailure(reason);
        if (retryable && attemptsMade(t) < maxAttempts && !studyOver) {
            t.state = TrialState.STALE;
        } else {
            t.finish(TrialState.FAILED, now);
            if (retryable) {
                t.appendFailure("gave up after " + attemptsMade(t) + " of " + maxAttempts + " attempts");
            }
        }
    }

    /** The study was cancelled; true when a trainer holds the trial and must be told to stop. */
    public static boolean cancelWithStudy(Trial t, Instant now) {
        boolean onTrainer = TrialState.ON_A_TRAINER.contains(t.state);
        t.finish(TrialState.FAILED, now);
        t.appendFailure("study cancelled");
        return onTrainer;
    }

    /** The message that tells the trainer of the current attempt to stop. */
    public static TrialCancelled cancellation(Trial t, String reason, Instant now) {
        return new TrialCancelled(TrialEvent.CURRENT_SCHEMA_VERSION, t.studyId, t.id, t.attempt, reason, now);
    }
}
