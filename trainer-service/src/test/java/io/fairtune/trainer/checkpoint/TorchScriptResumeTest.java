package io.fairtune.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.space.FixedMask;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.trainer.data.DatasetLoader;
import io.fairtune.trainer.data.ImageCache;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.domain.TrialCheckpoint;
import io.fairtune.trainer.domain.TrialRun;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import io.fairtune.trainer.tools.RepoPaths;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneResult;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import io.fairtune.trainer.training.TrialCancelledException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CIFAR-10 ResNet-20 TorchScript module on real HAM10000 images (24 at 32 px, 2 epochs of 3 steps): with a
 * mask its BatchNorm statistics stay fixed, so a hand-back and a resume give the uninterrupted scores bit for bit;
 * trained whole it moves statistics DJL cannot read, and keeps no checkpoint rather than a wrong one.
 */
class TorchScriptResumeTest {

    static final Path RESNET = RepoPaths.shared().resolve("models/resnet20_cifar10_ts.pt");
    static final InnerLoopSpec LOOP = new InnerLoopSpec(2, 8, "sgd", "cosine", 0, 0.0, 1e-5, 1e-2, true, true);
    static ImageSplit train;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRealImages() {
        DatasetManifest manifest = DatasetManifest.load(RepoPaths.root().resolve("datasets/ham10000/manifest.csv"));
        train = new DatasetLoader(RepoPaths.shared().resolve("datasets"), new ImageCache(1L << 28))
                .loadSubsample(manifest, "train", 32, 24, 3);
    }

    static FineTuneResult run(String mask, TrialRun run, AtomicInteger steps) {
        try (LoadedBackbone backbone = BackboneLoader.torchScript(RESNET, 32, 1, Device.cpu())) {
            ParameterSelection selection = ParameterSelection.parse("blocks", mask, backbone.layout());
            FineTuneListener counting = new FineTuneListener() {
                @Override
                public void onStep(int epoch, int images, long nanos) {
                    steps.incrementAndGet();
                }
            };
            return FineTuner.run(backbone, train, null, train,
                    new FineTuneSettings(LOOP, 1e-2, 1, selection, true, 1L << 30, 64), counting, run.mustStop(),
                    run.forTraining());
        }
    }

    static TrialRun run(TrialProposed p, FileTrialCheckpoints store, AtomicInteger steps, int stopAfter) {
        Optional<TrialCheckpoint> saved = store.load(p, "fp");
        return new TrialRun(p, "fp", store, saved, () -> steps.get() >= stopAfter, () -> true);
    }

    @Test
    void maskedResNetHandedBackMidEpochResumesBitForBit() {
        String mask = "000000011";
        TrialProposed p = ResumedTrainingTest.trial("sgd", true, mask, 1e-2);
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));
        AtomicInteger none = new AtomicInteger();
        FineTuneResult expected = run(mask, new TrialRun(p, "other", new FileTrialCheckpoints(Optional.empty()),
                Optional.empty(), () -> false, () -> false), none);

        AtomicInteger steps = new AtomicInteger();
        assertThrows(TrialCancelledException.class, () -> run(mask, run(p, store, steps, 4), steps));
        assertEquals(1, store.load(p, "fp").orElseThrow().state().step());
        FineTuneResult resumed = run(mask, run(p, store, new AtomicInteger(), Integer.MAX_VALUE), new AtomicInteger());
        assertArrayEquals(expected.scores(), resumed.scores(), 0.0);
        assertEquals(expected.epochLosses(), resumed.epochLosses());
    }

    @Test
    void aWholeTorchScriptModuleTrainedInTrainModeKeepsNoCheckpoint() {
        String all = FixedMask.PREFIX + FixedMask.FULL.id(); // the full fine-tuning baseline
        TrialProposed p = ResumedTrainingTest.trial("sgd", true, all, 1e-2);
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));
        AtomicInteger steps = new AtomicInteger();
        assertThrows(TrialCancelledException.class, () -> run(all, run(p, store, steps, 4), steps));
        assertFalse(Files.exists(store.fileOf(p).orElseThrow()), "neither the epoch nor the hand-back was saved");
    }
}
