package io.fairtune.trainer.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.trainer.data.Augmenter;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.model.LoadedBackbone;
import io.fairtune.trainer.model.VisionTransformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Fine-tunes a loaded backbone with a mask: freezes what the selection does not train, trains with a
 * class-weighted loss, AdamW or SGD, warmup and a schedule, optional global gradient-norm clipping, and predicts softmax[1] on a split.
 *
 * <p>Determinism: the engine seed, the shuffling and the augmentation all derive from {@code seed}; on one
 * device the same settings give the same scores, which makes a redelivered attempt harmless. A run continued
 * from a {@link TrainingState} (parameters, optimizer state, position and the epoch's generator) gives them too.
 *
 * <p>Frozen prefix: below the lowest trainable block k no parameter trains, so no gradient is needed there
 * (PyTorch records no graph through frozen tensors; the ViT also detaches its input to block k). When
 * augmentation is off the inputs of block k never change, so they are computed once and reused.
 */
public final class FineTuner {

    private FineTuner() {
    }

    public static FineTuneResult run(LoadedBackbone backbone, ImageSplit train, ImageSplit monitor, ImageSplit predict,
                                     FineTuneSettings s, FineTuneListener listener, BooleanSupplier cancelled) {
        return run(backbone, train, monitor, predict, s, listener, cancelled, TrainingCheckpoints.NONE);
    }

    /**
     * As above, continuing from {@code checkpoints}' state when it has one, and saving the state there after
     * every epoch and, when a stop is a hand-back, at the step where it stops. A continued run gives the same
     * scores and per-epoch losses, bit for bit, as an uninterrupted one.
     */
    public static FineTuneResult run(LoadedBackbone backbone, ImageSplit train, ImageSplit monitor, ImageSplit predict,
                                     FineTuneSettings s, FineTuneListener listener, BooleanSupplier cancelled,
                                     TrainingCheckpoints checkpoints) {
        InnerLoopSpec loop = s.loop();
        Engine.getInstance().setRandomSeed((int) (s.seed() ^ (s.seed() >>> 32)));
        int[] labels = train.labels();
        float[] weights = loop.classWeights() ? WeightedCrossEntropy.inverseFrequency(labels, 2) : new float[] {1f, 1f};
        int batch = Math.min(loop.batchSize(), train.count());
        int stepsPerEpoch = (train.count() + batch - 1) / batch;
        LrSchedule schedule = new LrSchedule(s.learningRate(), loop.schedule(), loop.warmupEpochs() * stepsPerEpoch,
                loop.epochs() * stepsPerEpoch);
        ResumableOptimizer optimizer = optimizer(loop, schedule);
        DefaultTrainingConfig config = new DefaultTrainingConfig(new WeightedCrossEntropy(weights))
                .optOptimizer(optimizer)
                .optDevices(new Device[] {backbone.model().getNDManager().getDevice()});
        VisionTransformer vit = backbone.vit().orElse(null);
        int size = backbone.imageSize();
        try (Trainer trainer = backbone.model().newTrainer(config)) {
            trainer.initialize(new Shape(1, 3, size, size));
            MaskApplier.Applied applied = MaskApplier.apply(backbone.namedParameters(), s.selection());
            TrainingCheckpoints store = checkpoints;
            if (store != TrainingCheckpoints.NONE && backbone.trainsHiddenBuffers()) {
                store.unavailable("the whole TorchScript module trains in PyTorch's train mode, so its BatchNorm "
                        + "running statistics move, and DJL cannot read them");
                store = TrainingCheckpoints.NONE;
            }
            TrainingSnapshots snapshots = new TrainingSnapshots(backbone.namedParameters(), applied.trainable(),
                    optimizer);
            int floor = s.selection().lowestTrainableBlock(backbone.namedParameters().keySet(), backbone.layout());
            NDManager cacheManager = trainer.getManager().newSubManager();
            boolean cached = vit != null && !loop.augment() && floor >= 0 && s.prefixCache()
                    && cacheBytes(vit, train, monitor) <= s.prefixCacheBytes();
            if (vit != null) {
                vit.setGradientFloor(floor);
                vit.setEntryBlock(-1);
            }
            Inputs trainInputs = new Inputs(train, cached ? prefix(vit, cacheManager, train, floor, s.evalBatch()) : null);
            Inputs monitorInputs = monitor == null ? null
                    : new Inputs(monitor, cached ? prefix(vit, cacheManager, monitor, floor, s.evalBatch()) : null);
            if (cached) {
                vit.setEntryBlock(floor);
            }
            // after the frozen prefix (recomputed by every run: it depends on frozen tensors only)
            TrainingState resumed = store.resumeFrom().orElse(null);
            if (resumed != null) {
                try {
                    snapshots.restore(resumed, loop.epochs(), stepsPerEpoch);
                } catch (IllegalArgumentException e) {
                    store.rejected(e.getMessage());
                    resumed = null;
                }
            }
            List<Double> losses = new ArrayList<>(resumed == null ? List.of() : resumed.epochLosses());
            double[] monitorScores = null;
            long trainNanos = 0;
            long images = 0;
            double lastRate = 0;
            int globalStep = resumed == null ? 0 : resumed.globalStep();
            int lastStep = 0;
            int firstEpoch = resumed == null ? 1 : resumed.epoch();
            try {
                for (int epoch = firstEpoch; epoch <= loop.epochs(); epoch++) {
                    long epochStart = System.nanoTime();
                    Random rng = new Random(s.seed() * 1_000_003L + epoch);
                    int[] order = permutation(train.count(), rng);
                    double lossSum = 0;
                    int seen = 0;
                    long epochTrainNanos = 0;
                    int stepInEpoch = 0;
                    if (resumed != null && epoch == firstEpoch && resumed.step() > 0) {
                        // the order is re-derived above; the generator continues where the augmentation left it
                        rng = TrainingSnapshots.random(resumed.random());
                        lossSum = resumed.epochLossSum();
                        seen = resumed.epochSeen();
                        stepInEpoch = resumed.step();
                    }
                    for (int from = stepInEpoch * batch; from < order.length; from += batch) {
                        int n = Math.min(batch, order.length - from);
                        if (n == 1 && batch > 1) {
                            break; // a batch of one breaks BatchNorm-based backbones and adds only noise
                        }
                        if (cancelled.getAsBoolean()) {
                            if (store.saveOnStop()) {
                                store.save(snapshots.take(epoch, stepInEpoch, globalStep, lossSum, seen, losses, rng));
                            }
                            throw new TrialCancelledException();
                        }
                        int[] idx = java.util.Arrays.copyOfRange(order, from, from + n);
                        long t0 = System.nanoTime();
                        float loss = step(trainer, backbone, trainInputs, idx, loop.augment(), rng, labels, loop.maxGradNorm());
                        long dt = System.nanoTime() - t0;
                        stepInEpoch++;
                        if (!Float.isFinite(loss)) {
                            throw new NonFiniteValueException(NonFiniteValueException.LOSS, epoch, stepInEpoch,
                                    schedule.at(globalStep), loss);
                        }
                        globalStep++;
                        epochTrainNanos += dt;
                        lossSum += (double) loss * n;
                        seen += n;
                        listener.onStep(epoch, n, dt);
                    }
                    lastStep = stepInEpoch;
                    trainNanos += epochTrainNanos;
                    images += seen;
                    lastRate = seen / Math.max(1e-9, epochTrainNanos / 1e9);
                    double meanLoss = seen == 0 ? Double.NaN : lossSum / seen;
                    losses.add(meanLoss);
                    monitorScores = monitorInputs == null ? null : finite(
                            predict(trainer, backbone, monitorInputs, s.evalBatch()), epoch, stepInEpoch,
                            schedule.at(Math.max(0, globalStep - 1)));
                    if (store != TrainingCheckpoints.NONE) {
                        // before the progress event: a hand-back while it is being published keeps the whole epoch
                        store.save(snapshots.take(epoch + 1, 0, globalStep, 0, 0, losses, null));
                    }
                    listener.onEpoch(epoch, meanLoss, monitorScores, lastRate, System.nanoTime() - epochStart);
                }
                double[] scores;
                if (predict == monitor && monitorScores != null) {
                    scores = monitorScores;
                } else {
                    Inputs predictInputs = new Inputs(predict,
                            cached ? prefix(vit, cacheManager, predict, floor, s.evalBatch()) : null);
                    if (cached) {
                        vit.setEntryBlock(floor);
                    }
                    scores = finite(predict(trainer, backbone, predictInputs, s.evalBatch()), loop.epochs(),
                            lastStep, schedule.at(Math.max(0, globalStep - 1)));
                }
                return new FineTuneResult(scores, losses, loop.epochs(), trainNanos / 1e9,
                        images / Math.max(1e-9, trainNanos / 1e9), floor, cached, applied.trainableScalars(),
                        applied.totalScalars());
            } finally {
                if (vit != null) {
                    vit.setEntryBlock(-1);
                    vit.setGradientFloor(0);
                }
                cacheManager.close();
            }
        }
    }

    /** {@code scores}, unless one is not finite: then the epoch and step after which it appeared. */
    private static double[] finite(double[] scores, int epoch, int step, double lr) {
        for (double v : scores) {
            if (!Double.isFinite(v)) {
                throw new NonFiniteValueException(NonFiniteValueException.SCORES, epoch, step, lr, v);
            }
        }
        return scores;
    }

    /** Training inputs of one split: images, or (when cached) the frozen prefix's activations. */
    private record Inputs(ImageSplit split, NDArray tokens) {
    }

    private static float step(Trainer trainer, LoadedBackbone backbone, Inputs in, int[] idx, boolean augment,
                              Random rng, int[] labels, Double maxGradNorm) {
        try (NDManager bm = trainer.getManager().newSubManager()) {
            NDArray x = batch(bm, in, idx, augment, rng);
            long[] y = new long[idx.length];
            for (int i = 0; i < idx.length; i++) {
                y[i] = labels[idx[i]];
            }
            NDArray target = bm.create(y);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                NDArray logits = backbone.binaryLogits(trainer.forward(new NDList(x)).singletonOrThrow());
                NDArray loss = trainer.getLoss().evaluate(new NDList(target), new NDList(logits));
                gc.backward(loss);
                float value = loss.getFloat();
                if (maxGradNorm != null) {
                    GradientClipping.clipTrainable(backbone.namedParameters().values(), maxGradNorm, bm);
                }
                trainer.step();
                return value;
            }
        }
    }

    private static NDArray batch(NDManager bm, Inputs in, int[] idx, boolean augment, Random rng) {
        if (in.tokens() != null) {
            long[] rows = new long[idx.length];
            for (int i = 0; i < idx.length; i++) {
                rows[i] = idx[i];
            }
            NDArray picked = in.tokens().get(new NDIndex("{}", bm.create(rows)));
            picked.attach(bm);
            return picked;
        }
        ImageSplit split = in.split();
        int size = split.size();
        int len = 3 * size * size;
        float[] buf = new float[idx.length * len];
        if (augment) {
            for (int i = 0; i < idx.length; i++) {
                Augmenter.apply(split.images()[idx[i]], size, rng, buf, i * len);
            }
        } else {
            split.copyTo(idx, buf);
        }
        return bm.create(buf, new Shape(idx.length, 3, size, size));
    }

    /** softmax[1] per sample of the split, in inference mode. */
    private static double[] predict(Trainer trainer, LoadedBackbone backbone, Inputs in, int evalBatch) {
        int count = in.split().count();
        double[] scores = new double[count];
        for (int from = 0; from < count; from += evalBatch) {
            int n = Math.min(evalBatch, count - from);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = from + i;
            }
            try (NDManager bm = trainer.getManager().newSubManager()) {
                NDArray x = batch(bm, in, idx, false, null);
                NDArray logits = backbone.binaryLogits(trainer.evaluate(new NDList(x)).singletonOrThrow());
                float[] p = logits.softmax(-1).get(":, 1").toFloatArray();
                for (int i = 0; i < n; i++) {
                    scores[from + i] = p[i];
                }
            }
        }
        return scores;
    }

    /** Activations entering block k for every sample of the split, computed once in inference mode. */
    private static NDArray prefix(VisionTransformer vit, NDManager cacheManager, ImageSplit split, int k, int evalBatch) {
        vit.setEntryBlock(-1);
        ParameterStore ps = new ParameterStore(cacheManager, false);
        NDList parts = new NDList();
        int count = split.count();
        int len = 3 * split.size() * split.size();
        for (int from = 0; from < count; from += evalBatch) {
            int n = Math.min(evalBatch, count - from);
            int[] idx = new int[n];
            for (int i = 0; i < n; i++) {
                idx[i] = from + i;
            }
            float[] buf = new float[n * len];
            split.copyTo(idx, buf);
            try (NDManager bm = cacheManager.newSubManager()) {
                NDArray x = bm.create(buf, new Shape(n, 3, split.size(), split.size()));
                NDArray tokens = vit.prefix(ps, x, k);
                tokens.attach(cacheManager);
                parts.add(tokens);
            }
        }
        NDArray all = parts.size() == 1 ? parts.head() : NDArrays.concat(parts, 0);
        return all;
    }

    private static long cacheBytes(VisionTransformer vit, ImageSplit train, ImageSplit monitor) {
        long perSample = 4L * vit.tokens() * vit.config().embedDim();
        return perSample * (train.count() + (monitor == null ? 0 : monitor.count()));
    }

    private static ResumableOptimizer optimizer(InnerLoopSpec loop, LrSchedule schedule) {
        return switch (loop.optimizer()) {
            // torch.optim.AdamW semantics (DJL's AdamW applies epsilon before the bias correction; see TorchAdamW)
            case "adamw" -> TorchAdamW.builder().optLearningRateTracker(schedule)
                    .optWeightDecays((float) loop.weightDecay()).build();
            // DJL's SGD kernel and arguments; its own class only to reach the momentum buffers (see MomentumSgd)
            case "sgd" -> MomentumSgd.builder().optLearningRateTracker(schedule).optMomentum(0.9f)
                    .optWeightDecays((float) loop.weightDecay()).build();
            default -> throw new IllegalArgumentException("unknown optimizer '" + loop.optimizer() + "' (adamw, sgd)");
        };
    }

    /** The order an epoch visits the training samples in (Fisher–Yates on {@code rng}); benches replay it. */
    public static int[] permutation(int n, Random rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
