package io.fairtune.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.model.study.InvalidStudySpecException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** The command-line client of a running optimizer. */
@Command(name = "study", mixinStandardHelpOptions = true, description = "Create, watch and report studies.",
        subcommands = {StudyCommand.Create.class, StudyCommand.Watch.class, StudyCommand.Report.class})
public final class StudyCommand {

    @Option(names = "--url", defaultValue = "${env:FAIRTUNE_URL:-http://127.0.0.1:8180}",
            description = "optimizer base URL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--api-key", defaultValue = "${env:FAIRTUNE_API_KEY}", description = "API key (or env FAIRTUNE_API_KEY)")
    String apiKey;

    OptimizerClient client() {
        return new OptimizerClient(url, apiKey);
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a study from a YAML/JSON file.")
    static final class Create implements Callable<Integer> {
        @ParentCommand
        StudyCommand parent;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--watch", description = "follow the study until it finishes, then print its report")
        boolean watch;

        @Override
        public Integer call() {
            try {
                JsonNode study = parent.client().createStudy(SpecFiles.toJson(file));
                String id = study.path("id").asText();
                System.out.println(id);
                study.path("warnings").forEach(w -> System.err.println("warning: " + w.asText()));
                if (watch) {
                    new StudyWatcher(parent.client(), System.out).watch(id, Duration.ofDays(7));
                    ReportPrinter.print(parent.client().report(id), System.out);
                }
                return 0;
            } catch (InvalidStudySpecException e) {
                System.err.println("error: " + file + ": " + e.getMessage());
                return 2;
            } catch (OptimizerClient.ApiException e) {
                System.err.println("error: " + e.getMessage());
                return e.status() >= 400 && e.status() < 500 ? 2 : 1;
            }
        }
    }

    /** A subcommand about one study of the parent's optimizer. */
    abstract static class OneStudy implements Callable<Integer> {
        @ParentCommand
        StudyCommand parent;

        @Parameters(paramLabel = "STUDY_ID")
        String id;
    }

    @Command(name = "watch", mixinStandardHelpOptions = true, description = "Show a live progress bar.")
    static final class Watch extends OneStudy {
        @Override
        public Integer call() {
            new StudyWatcher(parent.client(), System.out).watch(id, Duration.ofDays(7));
            return 0;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = "Print the final report as a table.")
    static final class Report extends OneStudy {
        @Override
        public Integer call() {
            ReportPrinter.print(parent.client().report(id), System.out);
            return 0;
        }
    }
}
