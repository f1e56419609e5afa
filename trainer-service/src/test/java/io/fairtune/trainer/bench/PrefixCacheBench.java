package io.fairtune.trainer.bench;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.FixedMask;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.VitConfig;
import io.fairtune.trainer.data.DatasetLoader;
import io.fairtune.trainer.data.ImageCache;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import io.fairtune.trainer.tools.PretrainVit;
import io.fairtune.trainer.tools.RepoPaths;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneResult;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Training throughput on HAM10000 train images: full fine-tuning vs a mask training only the top 3 blocks
 * (no gradient below them), with augmentation (prefix recomputed every step) and without it (prefix computed
 * once and reused, or recomputed when the cache is disabled). Images/s count every epoch's images over the
 * whole wall time of the run, so the one-off cost of building the cache is included.
 *
 * <p>Run: {@code ./mvnw -q -pl trainer-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.fairtune.trainer.bench.PrefixCacheBench -Dexec.args="[samples=512] [epochs=3] [tiny|tiny12|base16] [rounds=3]"}
 * (tiny uses the shipped checkpoint; tiny12 and base16 = ViT-B/16 at 224 are randomly initialised, which does
 * not change throughput; base16 is for GPU machines).
 */
public final class PrefixCacheBench {

    private PrefixCacheBench() {
    }

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String size = args.length > 2 ? args[2] : "tiny";
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        VitConfig config = switch (size) {
            case "tiny" -> VitConfig.tiny();
            // the tiny width at ViT-B's depth: "top 3 blocks" is then a quarter of the network, as in the paper
            case "tiny12" -> new VitConfig(32, 4, 96, 12, 3, 2, 2);
            case "base16" -> VitConfig.base16();
            default -> throw new IllegalArgumentException("size must be tiny, tiny12 or base16");
        };
        int batch = 64;
        Path repo = RepoPaths.root();
        DatasetManifest manifest = DatasetManifest.load(repo.resolve("datasets/ham10000/manifest.csv"));
        DatasetLoader loader = new DatasetLoader(RepoPaths.shared().resolve("datasets"), new ImageCache(1L << 34));
        ImageSplit train = loader.loadSubsample(manifest, "train", config.imageSize(), samples, 0);
        ImageSplit probe = loader.loadSubsample(manifest, "val", config.imageSize(), 8, 0);
        Path checkpoint = repo.resolve("models").resolve(PretrainVit.CHECKPOINT);
        Device device = Engine.getInstance().defaultDevice();
        System.out.printf("device %s, ViT %s, %d training images, batch %d, %d epochs%n", device, config,
                train.count(), batch, epochs);
        BackboneLayout layout = BackboneLayout.vit(config.depth());
        String top3 = "0".repeat(config.depth() - 3) + "111";
        ParameterSelection full = ParameterSelection.parse("blocks", FixedMask.FULL.wireForm(), layout);
        ParameterSelection top = ParameterSelection.parse("blocks", top3, layout);
        ParameterSelection head = ParameterSelection.parse("blocks", FixedMask.LINEAR_READOUT.wireForm(), layout);

        run("warm-up", config, checkpoint, device, train, probe, full, false, false, 1, batch);
        List<Config> configs = List.of(
                new Config("full fine-tuning", full, false, false),
                new Config("top-3 blocks, augmentation (no cache)", top, true, true),
                new Config("top-3 blocks, no augmentation, cache off", top, false, false),
                new Config("top-3 blocks, no augmentation, prefix cache", top, false, true),
                new Config("head only, no augmentation, prefix cache", head, false, true));
        // interleaved rounds and the median: the machine is shared, so load drifts during a run
        double[][] rates = new double[configs.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int c = 0; c < configs.size(); c++) {
                Config k = configs.get(c);
                rates[c][round] = run(k.label() + " [round " + (round + 1) + "]", config, checkpoint, device, train,
                        probe, k.selection(), k.augment(), k.cache(), epochs, batch);
            }
        }
        double[] median = new double[configs.size()];
        System.out.printf("%nmedian of %d interleaved rounds (images/s over the whole run, cache build included):%n",
                rounds);
        for (int c = 0; c < configs.size(); c++) {
            double[] r = rates[c].clone();
            java.util.Arrays.sort(r);
            median[c] = r[rounds / 2];
            System.out.printf("  %-45s %8.1f images/s  %.2fx full%n", configs.get(c).label(), median[c],
                    median[c] / median[0]);
        }
        System.out.printf("top-3: %.2fx full with augmentation, %.2fx without cache, %.2fx with prefix cache; "
                + "prefix cache vs recomputing: %.2fx%n", median[1] / median[0], median[2] / median[0],
                median[3] / median[0], median[3] / median[2]);
    }

    private record Config(String label, ParameterSelection selection, boolean augment, boolean cache) {
    }

    private static double run(String label, VitConfig config, Path checkpoint, Device device, ImageSplit train,
                              ImageSplit probe, ParameterSelection selection, boolean augment, boolean cache,
                              int epochs, int batch) {
        InnerLoopSpec loop = new InnerLoopSpec(epochs, batch, "adamw", "cosine", 0, 0.05, 1e-5, 1e-3, augment, true);
        try (LoadedBackbone backbone = Files.exists(checkpoint) && config.equals(VitConfig.tiny())
                ? BackboneLoader.vit(config, checkpoint, 1, device)
                : BackboneLoader.freshVit(config, 1, device)) {
            long t0 = System.nanoTime();
            FineTuneResult r = FineTuner.run(backbone, train, null, probe,
                    new FineTuneSettings(loop, 1e-4, 1, selection, cache, 1L << 34, 256), FineTuneListener.NONE,
                    () -> false);
            double wall = (System.nanoTime() - t0) / 1e9;
            double rate = (double) train.count() * epochs / wall;
            System.out.printf("%-45s %8.1f images/s (wall %.1f s; steps only %.1f images/s; trainable %.2f M of %.2f M;"
                            + " floor %d; cached %s)%n", label, rate, wall, r.imagesPerSecond(),
                    r.trainableScalars() / 1e6, r.totalScalars() / 1e6, r.gradientFloor(), r.prefixCached());
            return rate;
        }
    }
}
