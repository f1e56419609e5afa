package io.fairtune.trainer.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.model.events.TrialPhase;
import io.fairtune.model.events.TrialProposed;
import io.fairtune.trainer.domain.TrialCheckpoint;
import io.fairtune.trainer.model.SafetensorsFile;
import io.fairtune.trainer.model.SafetensorsWriter.Tensor;
import io.fairtune.trainer.training.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file store on its own: exact round trip, a readable safetensors file, names that stay in the directory. */
class FileTrialCheckpointsTest {

    @TempDir
    Path dir;

    static TrialProposed trial(String studyId, String trialId) {
        TrialProposed p = ResumedTrainingTest.trial("adamw", true, "0111", 3e-3);
        return new TrialProposed(1, studyId, trialId, 3, 1, TrialPhase.SEARCH, "x", p.searchSpace(), p.mask(),
                p.learningRate(), p.seed(), p.backbone(), p.dataset(), p.innerLoop(), p.evaluation(), "val",
                Instant.now());
    }

    @Test
    void roundTripsEveryValueExactlyInAPlainSafetensorsFile() throws Exception {
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));
        TrialProposed p = trial("s", "t");
        float[] weights = {0.1f, -0f, Float.MIN_VALUE, 3.4e38f, 1e-45f, -2.5f};
        TrainingState state = new TrainingState(2, 3, 8, 0.1 + 0.2, 24, List.of(0.6931471805599453, 1e-300),
                new byte[] {1, 2, 3}, Map.of("param/head.weight", new Tensor(new long[] {2, 3}, weights)),
                Map.of("head.weight", 8));
        store.save(p, new TrialCheckpoint("fp", 12.25, state));

        TrialCheckpoint back = store.load(p, "fp").orElseThrow();
        assertEquals(12.25, back.trainerSeconds());
        assertEquals(0.1 + 0.2, back.state().epochLossSum());
        assertEquals(state.epochLosses(), back.state().epochLosses());
        assertArrayEquals(state.random(), back.state().random());
        assertEquals(Map.of("head.weight", 8), back.state().updateCounts());
        assertArrayEquals(weights, back.state().tensors().get("param/head.weight").values(), 0f);
        try (SafetensorsFile file = SafetensorsFile.open(store.fileOf(p).orElseThrow())) {
            assertEquals(FileTrialCheckpoints.FORMAT, file.metadata().get("format"));
            assertArrayEquals(new long[] {2, 3}, file.entries().get("param/head.weight").shape());
        }
    }

    @Test
    void idsThatAreNotFileNamesStayInTheDirectoryAndApart() {
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));
        Path escaping = store.fileOf(trial("../..", "../etc/passwd")).orElseThrow();
        assertTrue(escaping.normalize().startsWith(dir), escaping.toString());
        assertNotEquals(store.fileOf(trial("s", "a/b")), store.fileOf(trial("s", "a_b")));
        assertEquals(dir.resolve("study-1").resolve("t-42.safetensors"),
                store.fileOf(trial("study-1", "t-42")).orElseThrow());
    }

    @Test
    void deletingATrialRemovesItsCheckpointAndLeftoverTemporaryFiles() throws Exception {
        FileTrialCheckpoints store = new FileTrialCheckpoints(Optional.of(dir));
        TrialProposed p = trial("s", "t");
        store.save(p, new TrialCheckpoint("fp", 1, TrainingState.position(2, 0)));
        Path file = store.fileOf(p).orElseThrow();
        Path leftover = file.resolveSibling(file.getFileName() + ".123.tmp");
        Files.writeString(leftover, "half a checkpoint");
        Path otherTrial = file.resolveSibling("t2.safetensors");
        Files.writeString(otherTrial, "another trial's");
        store.delete(p);
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(otherTrial));
        assertTrue(store.load(p, "fp").isEmpty());
    }

    @Test
    void withoutADirectoryNothingIsKept() {
        FileTrialCheckpoints off = new FileTrialCheckpoints(Optional.empty());
        assertFalse(off.enabled());
        off.save(trial("s", "t"), new TrialCheckpoint("fp", 1, TrainingState.position(2, 0)));
        assertTrue(off.load(trial("s", "t"), "fp").isEmpty());
    }
}
