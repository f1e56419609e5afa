package io.fairtune.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.space.BackboneLayout;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Trials of the demo's recipe (pretrained tiny ViT, HAM10000 images, AdamW, cosine) while another thread
 * forces garbage collections: every score stays finite and equals, bit for bit, the same trial trained with no
 * collection forced. Before the attention scale was a native tensor, a collection between forward and backward
 * freed memory that autograd still read, and most of these trials ended in NaN (or silently different scores).
 */
class ScoresUnderGarbageCollectionTest {

    static final VitConfig TINY = VitConfig.tiny();
    static final String[] MASKS = {"111000111101", "010011011101", "001001010010", "110000000110"};
    static final double[] LRS = {1.7e-5, 1.6e-4, 6.6e-5, 8.6e-4};

    static ImageSplit train;
    static ImageSplit val;
    static Path checkpoint;
    static final AtomicBoolean hammering = new AtomicBoolean();
    static final AtomicLong collections = new AtomicLong();
    static Thread hammer;

    @BeforeAll
    static void loadImagesAndStartTheCollector() {
        Path repo = RepoPaths.root();
        DatasetManifest manifest = DatasetManifest.load(repo.resolve("datasets/ham10000/manifest.csv"));
        DatasetLoader loader = new DatasetLoader(RepoPaths.shared().resolve("datasets"), new ImageCache(1L << 30));
        train = loader.loadSubsample(manifest, "train", TINY.imageSize(), 256, 1);
        val = loader.load(manifest, "val", TINY.imageSize());
        checkpoint = repo.resolve("models").resolve(PretrainVit.CHECKPOINT);
        hammer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                if (hammering.get()) {
                    System.gc();
                    collections.incrementAndGet();
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-hammer");
        hammer.setDaemon(true);
        hammer.start();
    }

    @AfterAll
    static void stopTheCollector() {
        hammer.interrupt();
    }

    static double[] trial(int i) {
        ParameterSelection selection = ParameterSelection.parse("components3", MASKS[i], BackboneLayout.vit(TINY.depth()));
        InnerLoopSpec loop = new InnerLoopSpec(2, 64, "adamw", "cosine", 0, 0.05, 1e-5, 1e-3, false, true);
        try (LoadedBackbone backbone = BackboneLoader.vit(TINY, checkpoint, 100 + i, Device.cpu())) {
            return FineTuner.run(backbone, train, val, val,
                    new FineTuneSettings(loop, LRS[i], 100 + i, selection, true, 1L << 30, 256),
                    FineTuneListener.NONE, () -> false).scores();
        }
    }

    @Test
    void forcedCollectionsChangeNoScore() {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < MASKS.length; i++) {
            hammering.set(false);
            double[] quiet = trial(i);
            hammering.set(true);
            double[] collected;
            try {
                collected = trial(i);
            } catch (NonFiniteValueException e) {
                problems.add(MASKS[i] + ": " + e.getMessage());
                continue;
            } finally {
                hammering.set(false);
            }
            assertEquals(val.count(), quiet.length);
            if (!java.util.Arrays.equals(quiet, collected)) {
                problems.add(MASKS[i] + ": scores differ from the run without forced collections");
            }
        }
        assertTrue(collections.get() > 50, "the collector thread ran " + collections.get() + " collections");
        assertEquals(List.of(), problems);
    }
}
