package io.fairtune.trainer.domain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.fairtune.model.data.ConfinedPaths;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialFailed;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.events.TrialStarted;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.BackboneSpec;
import io.fairtune.trainer.data.DatasetLoader;
import io.fairtune.trainer.data.ImageCache;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.metrics.TrainerMetrics;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneResult;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import io.fairtune.trainer.training.TrialCancelledException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs one attempt end to end: TrialStarted, per-epoch TrialProgress (and heartbeats while an epoch runs),
 * then TrialPredicted, or TrialFailed when the attempt cannot finish. A cancelled attempt publishes nothing
 * more: the optimizer that cancelled it has already moved on, and silence cannot be mistaken for a result.
 *
 * <p>The seed is the proposal's own ({@link TrialProposed#seed()}), so a redelivered attempt retrains to the
 * same scores and the optimizer's (trialId, attempt) dedupe makes the second copy harmless.
 */
@ApplicationScoped
public class TrialRunner {

    private static final Logger LOG = Logger.getLogger(TrialRunner.class);

    /** What happened to a proposal; the consumer acknowledges it in every case. */
    public enum Outcome { TRAINED, FAILED, CANCELLED }

    private final TrainerSettings settings;
    private final TrainerMetrics metrics;
    private final TrialCancellations cancellations;
    private final ImageCache imageCache;

    public TrialRunner(TrainerSettings settings, TrainerMetrics metrics, TrialCancellations cancellations) {
        this.settings = settings;
        this.metrics = metrics;
        this.cancellations = cancellations;
        this.imageCache = new ImageCache(settings.imageCacheBytes());
    }

    /**
     * @throws EventPublishException when an event cannot be published: the proposal must not be acknowledged
     */
    /** Between two tries of a send the broker refused outright (not just slowly). */
    private static final long PUBLISH_RETRY_PAUSE_MILLIS = 1000;

    public Outcome run(TrialProposed p, TrialEventSink sink) {
        String key = p.attemptKey();
        if (cancellations.isCancelled(key)) {
            LOG.infof("attempt %s was cancelled before it started", key);
            metrics.trial(TrainerMetrics.Outcome.cancelled);
            return Outcome.CANCELLED;
        }
        TrialStarted started = new TrialStarted(TrialEvent.CURRENT_SCHEMA_VERSION, p.studyId(), p.trialId(),
                p.attempt(), settings.trainerId(), Instant.now());
        publish(key, () -> sink.progress(started));
        try {
            TrialPredicted predicted = NonFiniteReplay.run(key, () -> train(p, sink));
            publish(key, () -> sink.predicted(predicted));
            metrics.trial(TrainerMetrics.Outcome.trained);
            return Outcome.TRAINED;
        } catch (TrialCancelledException e) {
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

    private TrialPredicted train(TrialProposed p, TrialEventSink sink) {
        long start = System.nanoTime();
        Path manifestPath = ConfinedPaths.resolve(settings.dataRoot(), p.dataset().manifest(), "dataset.manifest");
        DatasetManifest manifest = DatasetManifest.load(manifestPath);
        if (p.dataset().sha256() != null && !p.dataset().sha256().equalsIgnoreCase(manifest.sha256())) {
            throw new IllegalArgumentException("dataset.sha256: manifest " + p.dataset().manifest() + " has hash "
                    + manifest.sha256() + ", the study expects " + p.dataset().sha256());
        }
        BackboneSpec spec = p.backbone();
        if (BackboneSpec.KIND_VIT.equals(spec.kind())) {
            if (spec.vit() == null) {
                throw new IllegalArgumentException("backbone.vit is required for a vit backbone");
            }
            // fail fast on a bad mask before decoding images or loading weights
            ParameterSelection.parse(p.searchSpace(), p.mask(), BackboneLayout.vit(spec.vit().depth()));
        }
        DatasetLoader loader = new DatasetLoader(settings.imagesRoot(), imageCache);
        ImageSplit trainSplit = loader.loadSubsample(manifest, "train", spec.imageSize(), settings.maxTrainSamples(),
                p.seed());
        ImageSplit val = loader.load(manifest, "val", spec.imageSize());
        ImageSplit predictOn = p.evalSplit().equals("val") ? val : loader.load(manifest, p.evalSplit(), spec.imageSize());
        Path checkpoint = ConfinedPaths.resolve(settings.modelsRoot(), spec.checkpoint(), "backbone.checkpoint");
        Device device = Engine.getInstance().defaultDevice();
        try (LoadedBackbone backbone = BackboneLoader.load(spec, checkpoint, p.seed(), device)) {
            ParameterSelection selection = ParameterSelection.parse(p.searchSpace(), p.mask(), backbone.layout());
            FineTuneSettings fs = new FineTuneSettings(p.innerLoop(), p.learningRate(), p.seed(), selection, true,
                    settings.prefixCacheBytes(), settings.evalBatch());
            FineTuneResult result = FineTuner.run(backbone, trainSplit, val, predictOn, fs,
                    new ProgressReporter(p, sink, val), () -> cancellations.isCancelled(p.attemptKey()));
            return new TrialPredicted(TrialEvent.CURRENT_SCHEMA_VERSION, p.studyId(), p.trialId(), p.attempt(),
                    p.phase(), settings.trainerId(), p.dataset(), predictOn.name(), p.evaluation(),
                    predictOn.sampleIds(), result.scores(), result.epochsTrained(), (System.nanoTime() - start) / 1e9,
                    Instant.now());
        }
    }

    /** Per-step metrics and heartbeats, per-epoch progress with the intermediate objective. */
    private final class ProgressReporter implements FineTuneListener {
        private final TrialProposed p;
        private final TrialEventSink sink;
        private final ImageSplit val;
        private long lastBeat = System.nanoTime();

        ProgressReporter(TrialProposed p, TrialEventSink sink, ImageSplit val) {
            this.p = p;
            this.sink = sink;
            this.val = val;
        }

        @Override
        public void onStep(int epoch, int images, long nanos) {
            metrics.step(nanos);
            long now = System.nanoTime();
            if (now - lastBeat >= settings.heartbeatInterval().toNanos()) {
                lastBeat = now;
                sink.progress(progress(0, null, null, null));
            }
        }

        @Override
        public void onEpoch(int epoch, double trainLoss, double[] scores, double imagesPerSecond, long nanos) {
            metrics.epoch(nanos, imagesPerSecond);
            lastBeat = System.nanoTime();
            Double objective = scores == null ? null : ValidationObjective.compute(p.evaluation(), val, scores);
            TrialProgress progress = progress(epoch, Double.isFinite(trainLoss) ? trainLoss : null, objective,
                    imagesPerSecond);
            publish(p.attemptKey(), () -> sink.progress(progress));
        }

        private TrialProgress progress(int epoch, Double loss, Double objective, Double rate) {
            return new TrialProgress(TrialEvent.CURRENT_SCHEMA_VERSION, p.studyId(), p.trialId(), p.attempt(),
                    settings.trainerId(), epoch, p.innerLoop().epochs(), loss, objective, rate, Instant.now());
        }
    }

    /**
     * Sends until the broker acknowledges: a broker outage must not throw away a trained result (hours of GPU
     * time) nor stop this trainer's channel, so a send that fails or times out is sent again, each try waiting
     * {@code fairtune.publish-timeout}, for as long as the attempt is not cancelled. The proposal stays
     * unacknowledged meanwhile, and the optimizer lets no lease expire while it cannot hear the broker either.
     *
     * @throws EventPublishException only when interrupted (the trainer is stopping) or the attempt was cancelled
     */
    private void publish(String attemptKey, java.util.function.Supplier<java.util.concurrent.CompletionStage<Void>> send) {
        long failingSince = 0;
        while (true) {
            try {
                send.get().toCompletableFuture().get(settings.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
                if (failingSince != 0) {
                    LOG.infof("attempt %s: published after %d s of retries", attemptKey,
                            (System.nanoTime() - failingSince) / 1_000_000_000L);
                }
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EventPublishException("interrupted while publishing", e);
            } catch (ExecutionException | TimeoutException e) {
                if (cancellations.isCancelled(attemptKey)) {
                    throw new EventPublishException("cannot publish, and the attempt was cancelled: " + e.getMessage(), e);
                }
                if (failingSince == 0) {
                    failingSince = System.nanoTime();
                    LOG.warnf("attempt %s: the broker did not take an event (%s); sending it again until it does",
                            attemptKey, e.getMessage());
                }
                try {
                    Thread.sleep(PUBLISH_RETRY_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new EventPublishException("interrupted while publishing", interrupted);
                }
            }
        }
    }
}
