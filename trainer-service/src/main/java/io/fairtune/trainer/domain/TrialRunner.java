package io.fairtune.trainer.domain;

import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.trainer.metrics.TrainerMetrics;
import io.fairtune.trainer.training.TrialCancelledException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Runs one attempt end to end: TrialStarted, the {@link TrialExecutor}'s per-epoch TrialProgress (and
 * heartbeats while an epoch runs), then TrialPredicted, or TrialFailed when the attempt cannot finish. A
 * cancelled attempt publishes nothing more: the optimizer that cancelled it has already moved on, and silence
 * cannot be mistaken for a result.
 *
 * <p>The seed is the proposal's own ({@link TrialProposed#seed()}), so a redelivered attempt retrains to the
 * same scores and the optimizer's (trialId, attempt) dedupe makes the second copy harmless. With checkpoints
 * ({@link TrialCheckpoints}) it does not retrain what an earlier run of the trial finished: it continues from
 * the state that run left, says so in {@code TrialStarted.resumed}, and removes the state once the attempt
 * ends anywhere but in a hand-back.
 */
@ApplicationScoped
public class TrialRunner {

    private static final Logger LOG = Logger.getLogger(TrialRunner.class);

    /**
     * What happened to a proposal. The consumer acknowledges it in every case but HANDED_BACK: the trainer is
     * stopping, and the unacknowledged proposal goes to a trainer that stays.
     */
    public enum Outcome { TRAINED, FAILED, CANCELLED, HANDED_BACK }

    private final TrainerSettings settings;
    private final TrainerMetrics metrics;
    private final TrialCancellations cancellations;
    private final TrialExecutor executor;
    private final TrialCheckpoints checkpoints;

    /** {@code executors}: the one {@link TrialExecutor} that {@code fairtune.trainer.executor} selects. */
    public TrialRunner(TrainerSettings settings, TrainerMetrics metrics, TrialCancellations cancellations,
                       Instance<TrialExecutor> executors, TrialCheckpoints checkpoints) {
        this.settings = settings;
        this.metrics = metrics;
        this.cancellations = cancellations;
        this.executor = executors.get();
        this.checkpoints = checkpoints;
        LOG.infof("trials run by %s", executor.getClass().getSimpleName());
    }

    /**
     * @throws EventPublishException when an event cannot be published: the proposal must not be acknowledged
     */
    public Outcome run(TrialProposed p, TrialEventSink sink) {
        String key = p.attemptKey();
        if (cancellations.isCancelled(key)) {
            // Its checkpoint stays: an attempt cancelled before it ran here is most often one whose lease expired
            // (its trainer died, the proposal came back); the optimizer proposes the trial again as attempt + 1,
            // which continues from it.
            LOG.infof("attempt %s was cancelled before it started", key);
            metrics.trial(TrainerMetrics.Outcome.cancelled);
            return Outcome.CANCELLED;
        }
        Outcome outcome = attempt(p, sink);
        if (outcome != Outcome.HANDED_BACK) {
            // trained, failed or cancelled while training: nothing will continue this trial
            checkpoints.delete(p);
        }
        return outcome;
    }

    private Outcome attempt(TrialProposed p, TrialEventSink sink) {
        String key = p.attemptKey();
        String fingerprint = TrialFingerprint.of(p, settings);
        Optional<TrialCheckpoint> saved = checkpoints.load(p, fingerprint);
        TrialStarted.Resumption resumed = saved.map(c -> new TrialStarted.Resumption(c.state().epoch(),
                c.state().step(), c.trainerSeconds())).orElse(null);
        if (resumed != null) {
            LOG.infof("attempt %s resumes trial %s from its checkpoint at epoch %d, step %d: %.1f trainer-seconds "
                    + "of earlier runs are not repeated", key, p.trialId(), resumed.epoch(), resumed.step(),
                    resumed.trainerSeconds());
        }
        TrialStarted started = new TrialStarted(TrialEvent.CURRENT_SCHEMA_VERSION, p.studyId(), p.trialId(),
                p.attempt(), settings.trainerId(), Instant.now(), resumed);
        publish(key, () -> sink.progress(started));
        try {
            TrialRun run = new TrialRun(p, fingerprint, checkpoints, saved, () -> cancellations.mustStop(key),
                    () -> cancellations.mustStop(key) && !cancellations.isCancelled(key));
            TrialPredicted predicted = executor.execute(p, sink, run);
            publish(key, () -> sink.predicted(predicted));
            metrics.trial(TrainerMetrics.Outcome.trained);
            return Outcome.TRAINED;
        } catch (TrialCancelledException e) {
            if (!cancellations.isCancelled(key)) {
                LOG.infof("attempt %s: this trainer is stopping; handing it back", key);
                return Outcome.HANDED_BACK;
            }
            LOG.infof("attempt %s cancelled while training", key);
            metrics.trial(TrainerMetrics.Outcome.cancelled);
            return Outcome.CANCELLED;
        } catch (EventPublishException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
            boolean retryable = FailureClassifier.retryable(e);
            LOG.warnf(e, "attempt %s failed (retryable=%s)", key, retryable);
            TrialFailed failed = new TrialFailed(TrialEvent.CURRENT_SCHEMA_VERSION, p.studyId(), p.trialId(),
                    p.attempt(), TrialFailed.STAGE_TRAINING, FailureClassifier.describe(e), retryable, Instant.now());
            publish(key, () -> sink.progress(failed));
            metrics.trial(TrainerMetrics.Outcome.failed);
            return Outcome.FAILED;
        }
    }

    /** {@link Sends#publish}: until the broker takes it, unless the attempt is cancelled meanwhile. */
    private void publish(String attemptKey, Supplier<CompletionStage<Void>> send) {
        Sends.publish(attemptKey, send, settings.publishTimeout(), () -> cancellations.isCancelled(attemptKey));
    }
}
