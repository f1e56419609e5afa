package io.fairtune.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.fairtune.launcher.client.OptimizerClient;
import io.fairtune.launcher.cluster.ClusterConfig;
import io.fairtune.launcher.cluster.LocalCluster;
import io.fairtune.model.data.DatasetManifest;
import io.fairtune.model.study.InvalidStudySpecException;
import io.fairtune.model.study.StudyAdmissionCheck;
import io.fairtune.model.study.StudyLimits;
import io.fairtune.model.study.StudySpecCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Starts everything, runs one study to its report, and shuts everything down. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a FairTune study end to end on this machine: broker, database, services, report.")
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Option(names = "--spec", description = "study file, YAML or JSON (default: <repo>/studies/demo.yaml)")
    Path spec;

    @Option(names = "--keep-running", description = "leave the services up after the report (Ctrl-C stops them)")
    boolean keepRunning;

    @Option(names = "--parallelism", description = "override the study's parallelism (trials in flight)")
    Integer parallelism;

    @Option(names = "--timeout-minutes", description = "give up after this long (default: ${DEFAULT-VALUE})")
    int timeoutMinutes = 120;

    @Override
    public Integer call() throws Exception {
        ClusterConfig config = cluster.toConfig();
        Path specFile = spec != null ? spec : config.repoRoot().resolve("studies/demo.yaml");
        String specJson;
        try {
            specJson = SpecFiles.toJson(specFile);
        } catch (InvalidStudySpecException e) {
            System.err.println("error: " + specFile + ": " + e.getMessage());
            return 2;
        }
        if (parallelism != null) {
            com.fasterxml.jackson.databind.node.ObjectNode node = (com.fasterxml.jackson.databind.node.ObjectNode)
                    io.fairtune.model.events.EventCodec.mapper().readTree(specJson);
            specJson = node.put("parallelism", parallelism).toString();
        }
        // the optimizer's own admission, before anything starts: a wrong split or column costs seconds, not a start-up
        try {
            new StudyAdmissionCheck(StudyLimits.defaults(), config.dataRoot(), DatasetManifest.DEFAULT_MAX_BYTES)
                    .admit(StudySpecCodec.fromJson(specJson));
        } catch (InvalidStudySpecException e) {
            System.err.println("error: " + specFile + " (manifests under " + config.dataRoot() + "):");
            e.errors().forEach(error -> System.err.println("  " + error));
            return 2;
        }
        long started = System.nanoTime();
        System.out.println("Starting Kafka (KRaft), PostgreSQL, optimizer, evaluator and " + config.trainers()
                + " trainer(s); logs in " + config.workDir().resolve("logs"));
        LocalCluster running = new LocalCluster(config);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "cluster-shutdown"));
        running.start();
        System.out.printf("Ready after %.0f s. Optimizer at %s%n", seconds(started), running.optimizer().baseUrl());
        System.out.println("Dashboard: " + running.dashboardUrl() + " (sign in with the viewer API key "
                + running.viewerApiKey() + ")");
        OptimizerClient client = new OptimizerClient(running.optimizer().baseUrl(), running.apiKey());
        long studyStarted = System.nanoTime();
        JsonNode study = client.createStudy(specJson);
        String id = study.path("id").asText();
        System.out.println("Study " + id + " (" + study.path("spec").path("name").asText() + ") created from " + specFile);
        study.path("warnings").forEach(w -> System.out.println("warning: " + w.asText()));
        new StudyWatcher(client, System.out).watch(id, Duration.ofMinutes(timeoutMinutes));
        double studySeconds = seconds(studyStarted);
        System.out.println();
        ReportPrinter.print(client.report(id), System.out);
        System.out.printf("%nWall time: %.1f min in all; the study itself (created to completed) %.0f s with %d trainer(s)%n",
                seconds(started) / 60, studySeconds, config.trainers());
        if (keepRunning) {
            System.out.println("API key (X-API-Key, or env FAIRTUNE_API_KEY for ./fairtune study): " + running.apiKey());
            System.out.println("Dashboard: " + running.dashboardUrl() + " (viewer API key " + running.viewerApiKey()
                    + "; the operator key works too)");
            System.out.println("Services keep running: optimizer " + running.optimizer().baseUrl()
                    + "/q/swagger-ui, metrics " + running.optimizer().baseUrl() + "/q/metrics. Ctrl-C stops them.");
            Thread.currentThread().join();
        }
        return 0;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
