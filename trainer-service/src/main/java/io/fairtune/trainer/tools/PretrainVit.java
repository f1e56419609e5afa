package io.fairtune.trainer.tools;

import ai.djl.Device;
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
import io.fairtune.trainer.model.VitCheckpoint;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneResult;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Pretrains the demo's tiny ViT from scratch on UTKFace gender classification (faces, non-medical: nothing
 * of the HAM10000 target evaluation is seen) and writes the shipped checkpoint.
 *
 * <p>Run: {@code ./mvnw -q -pl trainer-service exec:java -Dexec.mainClass=io.fairtune.trainer.tools.PretrainVit}
 * (args: [epochs=12] [output=models/vit-tiny-utkface-gender.safetensors] [maxTrain=0 (all)] [seed=0]).
 */
public final class PretrainVit {

    public static final String CHECKPOINT = "vit-tiny-utkface-gender.safetensors";

    private PretrainVit() {
    }

    public static void main(String[] args) throws IOException {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        Path out = args.length > 1 ? Path.of(args[1]) : RepoPaths.root().resolve("models").resolve(CHECKPOINT);
        int maxTrain = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 0L;
        Path datasets = RepoPaths.shared().resolve("datasets");
        DatasetManifest manifest = DatasetManifest.parse(utkGenderManifest(
                Files.readAllLines(datasets.resolve("utkface-64/metadata.csv"), StandardCharsets.UTF_8), seed));
        VitConfig config = VitConfig.tiny();
        long start = System.nanoTime();
        DatasetLoader loader = new DatasetLoader(datasets, new ImageCache(1L << 31));
        ImageSplit train = loader.loadSubsample(manifest, "train", config.imageSize(), maxTrain, seed);
        ImageSplit val = loader.load(manifest, "val", config.imageSize());
        System.out.printf("decoded %d train + %d val images in %.1f s%n", train.count(), val.count(),
                (System.nanoTime() - start) / 1e9);
        InnerLoopSpec loop = new InnerLoopSpec(epochs, 64, "adamw", "cosine", 1, 0.05, 1e-3, 1e-3, true, false);
        ParameterSelection all = ParameterSelection.parse("blocks", FixedMask.FULL.wireForm(),
                BackboneLayout.vit(config.depth()));
        int[] valLabels = val.labels();
        try (LoadedBackbone backbone = BackboneLoader.freshVit(config, seed, Device.cpu())) {
            FineTuneResult result = FineTuner.run(backbone, train, val, val,
                    new FineTuneSettings(loop, 1e-3, seed, all, false, 0, 256), new FineTuneListener() {
                        @Override
                        public void onEpoch(int epoch, double loss, double[] scores, double rate, long nanos) {
                            System.out.printf("epoch %d/%d: train loss %.4f, val accuracy %.4f, %.1f images/s, %.1f s%n",
                                    epoch, epochs, loss, accuracy(valLabels, scores), rate, nanos / 1e9);
                        }
                    }, () -> false);
            VitCheckpoint.save(backbone.vit().orElseThrow(), out);
            System.out.printf("source-task (UTKFace gender) val accuracy %.4f after %d epochs; total %.1f s; wrote %s (%d bytes)%n",
                    accuracy(valLabels, result.scores()), epochs, (System.nanoTime() - start) / 1e9, out,
                    Files.size(out));
        }
    }

    static double accuracy(int[] labels, double[] scores) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((scores[i] >= 0.5 ? 1 : 0) == labels[i]) {
                ok++;
            }
        }
        return (double) ok / labels.length;
    }

    /** UTKFace as a manifest: label 1 = female, 90/10 train/val by a seeded shuffle of image ids. */
    static String utkGenderManifest(List<String> lines, long seed) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                rows.add(line.strip().split(",", -1));
            }
        }
        rows.sort(java.util.Comparator.comparing(r -> r[0]));
        Collections.shuffle(rows, new Random(seed));
        int trainEnd = (int) Math.round(rows.size() * 0.9);
        StringBuilder sb = new StringBuilder("sample_id,path,label,split,race\n");
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            sb.append(r[0]).append(",utkface-64/images/").append(r[0]).append(".jpg,")
                    .append(r[2].equals("female") ? 1 : 0).append(',').append(i < trainEnd ? "train" : "val")
                    .append(',').append(r[3]).append('\n');
        }
        return sb.toString();
    }
}
