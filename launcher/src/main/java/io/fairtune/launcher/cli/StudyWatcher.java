package io.fairtune.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.launcher.client.OptimizerClient.ApiException;
import io.fairtune.launcher.client.StudyProgress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Polls a study and redraws one progress line until it finishes. An outage (optimizer restarting, database or
 * broker unreachable) is said in words on that line and waited out: only an answer that no retry can change
 * (an unknown study, refused credentials) ends the watch.
 */
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
        OutageClock outage = new OutageClock();
        String objective = null;
        String progressLine = "waiting for the optimizer";
        String last = "";
        while (true) {
            StudyProgress progress = null;
            String problem;
            try {
                JsonNode study = client.study(studyId);
                if (objective == null) {
                    objective = study.path("spec").path("objectives").path(0).asText("objective");
                }
                progress = StudyProgress.of(study);
                progressLine = progress.render(objective);
                problem = whatIsDown();
            } catch (ApiException e) {
                problem = transientProblem(e);
            }
            OutageClock.Update update = outage.update(problem, System.nanoTime());
            if (update.recoveredLine() != null) {
                print(update.recoveredLine(), true);
            }
            String line = progressLine + update.suffix();
            if (!line.equals(last)) {
                print(line, false);
                last = line;
            }
            if (progress != null && progress.finished()) {
                if (interactive) {
                    out.println();
                }
                return progress;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("study " + studyId + " not finished after " + timeout.toMinutes()
                        + " min: " + line);
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while watching study " + studyId, e);
            }
        }
    }

    private String whatIsDown() {
        try {
            List<String> down = client.notReady();
            return down.isEmpty() ? null : String.join(", ", down);
        } catch (ApiException e) {
            return "optimizer unreachable (restarting?)";
        }
    }

    /** A problem to wait out, in words; rethrows what waiting cannot fix. */
    private String transientProblem(ApiException e) {
        if (e.unreachable()) {
            return "optimizer unreachable (restarting?)";
        }
        if (e.status() >= 400 && e.status() < 500) {
            throw e;
        }
        String down = whatIsDown();
        return down != null ? down : e.getMessage();
    }

    private void print(String line, boolean permanent) {
        // a terminal redraws the progress line in place; a log file gets one line per change
        if (interactive) {
            out.print(permanent ? "\r" + line + System.lineSeparator() : "\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }
}
