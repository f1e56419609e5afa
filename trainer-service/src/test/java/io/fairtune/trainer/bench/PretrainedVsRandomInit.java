package io.fairtune.trainer.bench;

import ai.djl.Device;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.metrics.FairnessMetrics;
import io.fairtune.model.metrics.FairnessReport;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.FixedMask;
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
import java.nio.file.Path;

/**
 * Does the shipped checkpoint carry anything to HAM10000? Validation AUC (overall and worst sex group) of a
 * linear readout and of top-2-block tuning, from the pretrained checkpoint vs a random init, same recipe.
 *
 * <p>Run: {@code ./mvnw -q -pl trainer-service exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.fairtune.trainer.bench.PretrainedVsRandomInit}
 */
public final class PretrainedVsRandomInit {

    private PretrainedVsRandomInit() {
    }

    public static void main(String[] args) {
        Path repo = RepoPaths.root();
        VitConfig config = VitConfig.tiny();
        DatasetManifest manifest = DatasetManifest.load(repo.resolve("datasets/ham10000/manifest.csv"));
        DatasetLoader loader = new DatasetLoader(RepoPaths.shared().resolve("datasets"), new ImageCache(1L << 32));
        ImageSplit train = loader.load(manifest, "train", config.imageSize());
        ImageSplit val = loader.load(manifest, "val", config.imageSize());
        Path checkpoint = repo.resolve("models").resolve(PretrainVit.CHECKPOINT);
        BackboneLayout layout = BackboneLayout.vit(config.depth());
        String top2 = "0".repeat(config.depth() - 2) + "11";
        for (String mask : new String[] {FixedMask.LINEAR_READOUT.wireForm(), top2}) {
            ParameterSelection selection = ParameterSelection.parse("blocks", mask, layout);
            for (boolean pretrained : new boolean[] {true, false}) {
                InnerLoopSpec loop = new InnerLoopSpec(5, 64, "adamw", "cosine", 1, 0.05, 1e-5, 1e-3, false, true);
                try (LoadedBackbone backbone = pretrained ? BackboneLoader.vit(config, checkpoint, 1, Device.cpu())
                        : BackboneLoader.freshVit(config, 1, Device.cpu())) {
                    double[] scores = FineTuner.run(backbone, train, null, val,
                            new FineTuneSettings(loop, 1e-3, 1, selection, true, 1L << 32, 256),
                            FineTuneListener.NONE, () -> false).scores();
                    FairnessReport r = FairnessMetrics.compute(val.labels(), scores, val.groups("sex"), 0.5);
                    System.out.printf("%-22s %-10s val overall AUC %.3f, min-sex AUC %.3f%n", mask,
                            pretrained ? "pretrained" : "random", r.objective(Objective.OVERALL_AUC),
                            r.objective(Objective.MIN_AUC));
                }
            }
        }
    }
}
