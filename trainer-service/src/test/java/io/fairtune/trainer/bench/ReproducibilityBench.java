package io.fairtune.trainer.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.metrics.FairnessMetrics;
import io.fairtune.model.metrics.FairnessReport;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.Objective;
import io.fairtune.model.study.VitConfig;
import io.fairtune.trainer.data.DatasetLoader;
import io.fairtune.trainer.data.ImageCache;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import io.fairtune.trainer.tools.PretrainVit;
import io.fairtune.trainer.tools.RepoPaths;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import io.fairtune.trainer.training.NonFiniteValueException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

/**
 * How reproducible is a trial on CPU? Runs seeded demo-recipe trials (pretrained tiny ViT, HAM10000,
 * components3 masks, log-uniform lr, AdamW, cosine, 2 epochs) three times each: twice with 2 PyTorch intra-op
 * threads, once with 1, optionally while another thread forces garbage collections. Prints, per trial, whether
 * the repeat is bit-identical and how far the 1-thread scores and validation AUCs are from the 2-thread ones.
 *
 * <p>Run: {@code ./mvnw -q -pl trainer-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.fairtune.trainer.bench.ReproducibilityBench -Dexec.args="8 0 true"}
 * (trials, max training images (0 = the whole split, as the demo), force collections)
 */
public final class ReproducibilityBench {

    private ReproducibilityBench() {
    }

    public static void main(String[] args) {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        int maxTrain = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        boolean forceGc = args.length > 2 && Boolean.parseBoolean(args[2]);
        Engine.getInstance(); // loads the native library that setNumThreads calls into
        Path repo = RepoPaths.root();
        VitConfig config = VitConfig.tiny();
        DatasetManifest manifest = DatasetManifest.load(repo.resolve("datasets/ham10000/manifest.csv"));
        DatasetLoader loader = new DatasetLoader(RepoPaths.shared().resolve("datasets"), new ImageCache(1L << 32));
        ImageSplit train = loader.loadSubsample(manifest, "train", config.imageSize(), maxTrain, 1);
        ImageSplit val = loader.load(manifest, "val", config.imageSize());
        Path checkpoint = repo.resolve("models").resolve(PretrainVit.CHECKPOINT);
        if (forceGc) {
            Thread hammer = new Thread(ReproducibilityBench::collectForever, "gc-hammer");
            hammer.setDaemon(true);
            hammer.start();
        }
        System.out.printf("%d trials, %d training images, %d validation images, forced collections: %s%n", trials,
                train.count(), val.count(), forceGc);
        System.out.println("trial  mask          lr        repeat (2 thr)   max|dscore| 1 vs 2 thr   dAUC      "
                + "dmin-AUC");
        Random rng = new Random(2024);
        int nonFinite = 0;
        int identical = 0;
        double worstScore = 0;
        double worstAuc = 0;
        double worstMinAuc = 0;
        for (int i = 0; i < trials; i++) {
            StringBuilder mask = new StringBuilder();
            for (int b = 0; b < 12; b++) {
                mask.append(rng.nextBoolean() ? '1' : '0');
            }
            double lr = Math.exp(Math.log(1e-5) + rng.nextDouble() * (Math.log(1e-3) - Math.log(1e-5)));
            double[] a = trial(config, checkpoint, train, val, mask.toString(), lr, i, 2);
            double[] b = trial(config, checkpoint, train, val, mask.toString(), lr, i, 2);
            double[] c = trial(config, checkpoint, train, val, mask.toString(), lr, i, 1);
            if (a == null || b == null || c == null) {
                nonFinite++;
                System.out.printf("%5d  %s  %.2e  non-finite%n", i, mask, lr);
                continue;
            }
            boolean same = Arrays.equals(a, b);
            identical += same ? 1 : 0;
            double maxDiff = 0;
            for (int k = 0; k < a.length; k++) {
                maxDiff = Math.max(maxDiff, Math.abs(a[k] - c[k]));
            }
            FairnessReport ra = FairnessMetrics.compute(val.labels(), a, val.groups("sex"), 0.5);
            FairnessReport rc = FairnessMetrics.compute(val.labels(), c, val.groups("sex"), 0.5);
            double dAuc = Math.abs(ra.objective(Objective.OVERALL_AUC) - rc.objective(Objective.OVERALL_AUC));
            double dMin = Math.abs(ra.objective(Objective.MIN_AUC) - rc.objective(Objective.MIN_AUC));
            worstScore = Math.max(worstScore, maxDiff);
            worstAuc = Math.max(worstAuc, dAuc);
            worstMinAuc = Math.max(worstMinAuc, dMin);
            System.out.printf("%5d  %s  %.2e  %-15s  %.3e              %.2e  %.2e%n", i, mask, lr,
                    same ? "bit-identical" : "DIFFERS", maxDiff, dAuc, dMin);
        }
        System.out.printf("non-finite trials %d / %d; same-thread repeats bit-identical %d / %d; 1 vs 2 threads: "
                + "max |dscore| %.3e, max |dAUC| %.2e, max |dmin-AUC| %.2e%n", nonFinite, trials, identical,
                trials - nonFinite, worstScore, worstAuc, worstMinAuc);
    }

    private static double[] trial(VitConfig config, Path checkpoint, ImageSplit train, ImageSplit val, String mask,
                                  double lr, long seed, int threads) {
        JniUtils.setNumThreads(threads);
        ParameterSelection selection = ParameterSelection.parse("components3", mask, BackboneLayout.vit(config.depth()));
        InnerLoopSpec loop = new InnerLoopSpec(2, 64, "adamw", "cosine", 0, 0.05, 1e-5, 1e-3, false, true);
        try (LoadedBackbone backbone = BackboneLoader.vit(config, checkpoint, seed, Device.cpu())) {
            return FineTuner.run(backbone, train, val, val,
                    new FineTuneSettings(loop, lr, seed, selection, true, 1L << 32, 256), FineTuneListener.NONE,
                    () -> false).scores();
        } catch (NonFiniteValueException e) {
            System.out.println("  " + e.getMessage());
            return null;
        }
    }

    private static void collectForever() {
        while (true) {
            System.gc();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
