package io.fairtune.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fairtune.launcher.FairTune;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * `./fairtune demo` checks the study file and its manifest as the optimizer would before it starts anything: a
 * wrong column or manifest costs a second and names the field, not a cluster start-up and a stack trace.
 */
class DemoAdmissionTest {

    private static final Path REPO = Path.of(System.getProperty("fairtune.repo.root", "..")).toAbsolutePath().normalize();

    private record Run(int exitCode, String err, Path workDir) {
    }

    /** @param edits pairs: a line of the demo study, and what it becomes */
    private static Run demo(String... edits) throws Exception {
        Path dir = Files.createDirectories(REPO.resolve("launcher/target/demo-admission"));
        Path spec = Files.createTempFile(dir, "study", ".yaml");
        String demo = Files.readString(REPO.resolve("studies/demo.yaml"));
        for (int i = 0; i < edits.length; i += 2) {
            assertTrue(demo.contains(edits[i]), "the demo study has " + edits[i]);
            demo = demo.replace(edits[i], edits[i + 1]);
        }
        Files.writeString(spec, demo);
        Path work = dir.resolve("work-" + System.nanoTime());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = new CommandLine(new FairTune()).execute("demo", "--repo", REPO.toString(), "--spec",
                    spec.toString(), "--work-dir", work.toString());
            return new Run(code, err.toString(StandardCharsets.UTF_8), work);
        } finally {
            System.setErr(original);
        }
    }

    @Test
    void anAttributeTheManifestDoesNotHaveIsRefusedBeforeAnythingStarts() throws Exception {
        Run run = demo("sensitiveAttribute: sex", "sensitiveAttribute: skin_tone");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("sensitiveAttribute: 'skin_tone' is not a column of the manifest"), run.err());
        assertFalse(run.err().contains("Exception"), "no stack trace: " + run.err());
        assertFalse(Files.exists(run.workDir()), "no broker, database or service was started");
    }

    @Test
    void aMissingManifestAndABadBudgetAreNamedTogether() throws Exception {
        Run run = demo("dataset: ham10000/manifest.csv", "dataset: ham10000/manifest-v2.csv",
                "trialBudget: 10", "trialBudget: 0");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("dataset: no manifest file 'ham10000/manifest-v2.csv' under the data root"),
                run.err());
        assertTrue(run.err().contains("trialBudget: "), "every problem at once: " + run.err());
        assertFalse(Files.exists(run.workDir()));
    }
}
