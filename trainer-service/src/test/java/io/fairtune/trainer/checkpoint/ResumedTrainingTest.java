package io.fairtune.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.model.space.BackboneLayout;
import io.fairtune.model.space.ParameterSelection;
import io.fairtune.model.study.BackboneSpec;
import io.fairtune.model.study.DatasetRef;
import io.fairtune.model.study.EvaluationSpec;
import io.fairtune.model.study.InnerLoopSpec;
import io.fairtune.model.study.VitConfig;
import io.fairtune.trainer.data.DatasetLoader;
import io.fairtune.trainer.data.ImageCache;
import io.fairtune.trainer.data.ImageSplit;
import io.fairtune.trainer.domain.TrialCheckpoint;
import io.fairtune.trainer.domain.TrialFingerprint;
import io.fairtune.trainer.domain.TrialRun;
import io.fairtune.trainer.model.BackboneLoader;
import io.fairtune.trainer.model.LoadedBackbone;
import io.fairtune.trainer.tools.RepoPaths;
import io.fairtune.trainer.training.FineTuneListener;
import io.fairtune.trainer.training.FineTuneResult;
import io.fairtune.trainer.training.FineTuneSettings;
import io.fairtune.trainer.training.FineTuner;
import io.fairtune.trainer.training.TrialCancelledException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real DJL training on a small HAM10000 split (40 training images at 16 px, a 4-block ViT, 3 epochs of 5 steps):
 * a run stopped after an epoch or handed back within one, then continued from its checkpoint file, ends with
 * the scores and per-epoch losses of an uninterrupted run, bit for bit; a checkpoint of another configuration or
 * one that does not read back is ignored and the trial trains from the beginning.
 */
class ResumedTrainingTest {

    static final VitConfig SMALL = new VitConfig(16, 4, 32, 4, 2, 2, 2);
    static final int STEPS_PER_EPOCH = 5;
    static ImageSplit train;
    static ImageSplit val;
    static DatasetRef dataset;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRealImages() {
        DatasetManifest manifest = DatasetManifest.load(RepoPaths.root().resolve("datasets/ham10000/manifest.csv"));
        DatasetLoader loader = new DatasetLoader(RepoPaths.shared().resolve("datasets"), new ImageCache(1L << 28));
        train = loader.loadSubsample(manifest, "train", SMALL.imageSize(), 8 * STEPS_PER_EPOCH, 1);
        val = loader.loadSubsample(manifest, "val", SMALL.imageSize(), 24, 2);
        dataset = new DatasetRef("ham10000/manifest.csv", manifest.sha256());
    }

    static TrialProposed trial(String optimizer, boolean augment, String mask, double lr) {
        InnerLoopSpec loop = new InnerLoopSpec(3, 8, optimizer, "cosine", 1, 0.05, 1e-5, 1e-2, augment, true);
        return new TrialProposed(1, "study-1", "trial-7", 1, 7, TrialPhase.SEARCH, "search #7", "blocks", mask, lr, 42L,
                BackboneSpec.vit("fresh", SMALL), dataset, loop,
                new EvaluationSpec("sex", List.of(), List.of("min_auc"), "fixed", 0, 0), "val", Instant.now());
    }

    static String fingerprint(TrialProposed p) {
        return TrialFingerprint.of(p, "maxTrainSamples=40");
    }

    /** The trial trained without any checkpoint, as before checkpoints existed. */
    static FineTuneResult uninterrupted(TrialProposed p) {
        try (LoadedBackbone backbone = BackboneLoader.freshVit(SMALL, 5, Device.cpu())) {
            return FineTuner.run(backbone, train, val, val, settings(p), FineTuneListener.NONE, () -> false);
        }
    }

    /** One run of the trial through the real store; stops (and hands back or not) once {@code stopAfter} steps ran. */
    static FineTuneResult run(TrialProposed p, FileTrialCheckpoints store, int stopAfter, boolean handBack) {
        AtomicInteger steps = new AtomicInteger();
        Optional<TrialCheckpoint> saved = store.load(p, fingerprint(p));
        TrialRun run = new TrialRun(p, fingerprint(p), store, saved, () -> steps.get() >= stopAfter, () -> handBack);
        FineTuneListener counting = new FineTuneListener() {
            @Override
            public void onStep(int epoch, int images, long nanos) {
                steps.incrementAndGet();
            }
        };
        try (LoadedBackbone backbone = BackboneLoader.freshVit(SMALL, 5, Device.cpu())) {
            return FineTuner.run(backbone, train, val, val, settings(p), counting, run.mustStop(), run.forTraining());
        }
    }

    static FineTuneSettings settings(TrialProposed p) {
        ParameterSelection selection = ParameterSelection.parse(p.searchSpace(), p.mask(), BackboneLayout.vit(4));
        return new FineTuneSettings(p.innerLoop(), p.learningRate(), p.seed(), selection, true, 1L << 30, 16);
    }

    static void assertSameResult(FineTuneResult expected, FineTuneResult actual) {
        assertArrayEquals(expected.scores(), actual.scores(), 0.0, "scores, bit for bit");
        assertEquals(expected.epochLosses(), actual.epochLosses(), "per-epoch losses, bit for bit");
        assertEquals(3, actual.epochLosses().size());
    }

    @Test
    void stoppedAfterTheFirstEpochThenResumedEndsAsAnUninterruptedRun() {
        TrialProposed p = trial("adamw", true, "0111", 3e-3);
        FineTuneResult expected = uninterrupted(p);
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));

        // stopped by a cancellation right after epoch 1 (as if the process died): only the epoch's checkpoint
        assertThrows(TrialCancelledException.class, () -> run(p, store, STEPS_PER_EPOCH, false));
        TrialCheckpoint saved = store.load(p, fingerprint(p)).orElseThrow();
        assertEquals(2, saved.state().epoch());
        assertEquals(0, saved.state().step());
        assertEquals(1, saved.state().epochLosses().size());
        assertEquals(expected.epochLosses().get(0), saved.state().epochLosses().get(0));
        assertTrue(saved.trainerSeconds() > 0);

        assertSameResult(expected, run(p, store, Integer.MAX_VALUE, false));
    }

    @Test
    void handedBackWithinEpochsTwiceThenResumedEndsAsAnUninterruptedRun() {
        // SGD with momentum and augmentation: the momentum buffers and the generator's state mid-epoch matter
        TrialProposed p = trial("sgd", true, "1011", 1e-2);
        FineTuneResult expected = uninterrupted(p);
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));

        assertThrows(TrialCancelledException.class, () -> run(p, store, STEPS_PER_EPOCH + 2, true));
        TrialCheckpoint first = store.load(p, fingerprint(p)).orElseThrow();
        assertEquals(2, first.state().epoch());
        assertEquals(2, first.state().step(), "the hand-back saved the step it stopped at");
        assertEquals(STEPS_PER_EPOCH + 2, first.state().globalStep());
        assertTrue(first.state().random() != null);

        assertThrows(TrialCancelledException.class, () -> run(p, store, 4, true));
        TrialCheckpoint second = store.load(p, fingerprint(p)).orElseThrow();
        assertEquals(3, second.state().epoch());
        assertEquals(1, second.state().step());
        assertTrue(second.trainerSeconds() > first.trainerSeconds(), "trainer-seconds add up over the runs");

        assertSameResult(expected, run(p, store, Integer.MAX_VALUE, false));
    }

    @Test
    void handedBackWithTheFrozenPrefixCachedResumesExactly() {
        TrialProposed p = trial("adamw", false, "0011", 3e-3);
        FineTuneResult expected = uninterrupted(p);
        assertTrue(expected.prefixCached());
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));
        assertThrows(TrialCancelledException.class, () -> run(p, store, 2 * STEPS_PER_EPOCH + 3, true));
        FineTuneResult resumed = run(p, store, Integer.MAX_VALUE, false);
        assertTrue(resumed.prefixCached(), "the cache is recomputed on resume");
        assertSameResult(expected, resumed);
    }

    @Test
    void aCheckpointOfAnotherConfigurationIsIgnoredAndReplaced() {
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));
        TrialProposed before = trial("adamw", true, "0111", 3e-3);
        assertThrows(TrialCancelledException.class, () -> run(before, store, STEPS_PER_EPOCH + 1, true));
        TrialProposed other = trial("adamw", true, "0111", 1e-3); // same study and trial, another learning rate
        assertNotEquals(fingerprint(before), fingerprint(other));
        assertEquals(fingerprint(before), fingerprint(new TrialProposed(1, "study-1", "trial-7", 2, 7,
                TrialPhase.SEARCH, "search #7", "blocks", "0111", 3e-3, 42L, before.backbone(), dataset,
                before.innerLoop(), before.evaluation(), "val", Instant.now())), "a later attempt may resume");
        assertTrue(store.load(other, fingerprint(other)).isEmpty());

        assertThrows(TrialCancelledException.class, () -> run(other, store, 3, true));
        assertTrue(store.load(before, fingerprint(before)).isEmpty(), "replaced by the new configuration's");
        assertEquals(3, store.load(other, fingerprint(other)).orElseThrow().state().globalStep());
        assertSameResult(uninterrupted(other), run(other, store, Integer.MAX_VALUE, false));
    }

    @Test
    void aTruncatedOrCorruptCheckpointIsReportedOnceAndTheTrialTrainsFromTheBeginning() throws IOException {
        TrialProposed p = trial("adamw", true, "0111", 3e-3);
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));
        Path file = store.fileOf(p).orElseThrow();
        List<LogRecord> warnings = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(FileTrialCheckpoints.class.getName());
        logger.addHandler(capture);
        try {
            assertThrows(TrialCancelledException.class, () -> run(p, store, STEPS_PER_EPOCH + 1, true));
            long size = Files.size(file);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(size / 2);
            }
            assertTrue(store.load(p, fingerprint(p)).isEmpty());
            assertEquals(1, warnings.size(), "one warning line: " + warnings);
            assertTrue(formatted(warnings.get(0)).contains("training from the beginning"), formatted(warnings.get(0)));
            assertTrue(warnings.get(0).getThrown() == null, "a line in words, no stack trace");
            assertFalse(Files.exists(file), "the unreadable file is removed, so it is reported once");

            // a flipped bit in the tensor data: the checksum catches it
            assertThrows(TrialCancelledException.class, () -> run(p, store, STEPS_PER_EPOCH + 1, true));
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(f.length() - 3);
                int b = f.read();
                f.seek(f.length() - 3);
                f.write(b ^ 0x10);
            }
            assertTrue(store.load(p, fingerprint(p)).isEmpty());
            assertEquals(2, warnings.size());
            assertTrue(formatted(warnings.get(1)).contains("checksum"), formatted(warnings.get(1)));
        } finally {
            logger.removeHandler(capture);
        }
        assertSameResult(uninterrupted(p), run(p, store, Integer.MAX_VALUE, false));
    }

    private static String formatted(LogRecord r) {
        Object[] params = r.getParameters();
        return params == null ? r.getMessage() : String.format(r.getMessage(), params);
    }
}
