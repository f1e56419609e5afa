package io.fairtune.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.launcher.client.StudyProgress;
import java.io.PrintStream;
import java.time.Duration;

/** Polls a study and redraws one progress line until it finishes. */
public final class StudyWatcher {

    private final OptimizerClient client;
    private final PrintStream out;
    private final boolean interactive;

    public StudyWatcher(OptimizerClient client, PrintStream out) {
        this.client = client;
        this.out = out;
        this.interactive = System.console() != null;
    }

    public StudyProgress watch(String studyId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String objective = client.study(studyId).path("spec").path("objectives").path(0).asText("objective");
        String last = "";
        while (true) {
            JsonNode study = client.study(studyId);
            StudyProgress p = StudyProgress.of(study);
            String line = p.render(objective);
            if (!line.equals(last)) {
                // a terminal redraws in place; a log file gets one line per change
                out.print(interactive ? "\r" + line + "   " : line + System.lineSeparator());
                out.flush();
                last = line;
            }
            if (p.finished()) {
                if (interactive) {
                    out.println();
                }
                return p;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("study " + studyId + " not finished after " + timeout.toMinutes()
                        + " min: " + line);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
