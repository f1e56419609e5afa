package io.fairtune.trainer.domain;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.fairtune.model.data.ConfinedPaths;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.TrialEvent;
import io.fairtune.model.events.TrialPredicted;
import io.fairtune.model.events.TrialProgress;
import io.fairtune.model.events.TrialProposed;
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
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * The real trial: loads the manifest, images and backbone, fine-tunes with the mask (DJL, PyTorch), predicts on
 * the trial's split. A NaN or infinity is replayed once with the same seed ({@link NonFiniteReplay}) to tell
 * divergence from a fault.
 */
@ApplicationScoped
@LookupIfProperty(name = TrialExecutor.PROPERTY, stringValue = TrialExecutor.FINE_TUNE, lookupIfMissing = true)
public class FineTuneExecutor implements TrialExecutor {

    private final TrainerSettings settings;
    private final TrainerMetrics metrics;
    private final ImageCache imageCache;

    public FineTuneExecutor(TrainerSettings settings, TrainerMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.imageCache = new ImageCache(settings.imageCacheBytes());
    }

    @Override
    public TrialPredicted execute(TrialProposed p, TrialEventSink sink, TrialRun run) {
        // a replay continues from the same checkpoint as the first try: the same seed then retraces the same steps
        return NonFiniteReplay.run(p.attemptKey(), () -> train(p, sink, run));
    }

    private TrialPredicted train(TrialProposed p, TrialEventSink sink, TrialRun run) {
        BooleanSupplier cancelled = run.mustStop();
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
                    new ProgressReporter(p, sink, val, cancelled), cancelled, run.forTraining());
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
        private final BooleanSupplier cancelled;
        private long lastBeat = System.nanoTime();

        ProgressReporter(TrialProposed p, TrialEventSink sink, ImageSplit val, BooleanSupplier cancelled) {
            this.p = p;
            this.sink = sink;
            this.val = val;
            this.cancelled = cancelled;
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
            Sends.publish(p.attemptKey(), () -> sink.progress(progress), settings.publishTimeout(), cancelled);
        }

        private TrialProgress progress(int epoch, Double loss, Double objective, Double rate) {
            return new TrialProgress(TrialEvent.CURRENT_SCHEMA_VERSION, p.studyId(), p.trialId(), p.attempt(),
                    settings.trainerId(), epoch, p.innerLoop().epochs(), loss, objective, rate, Instant.now());
        }
    }
}
