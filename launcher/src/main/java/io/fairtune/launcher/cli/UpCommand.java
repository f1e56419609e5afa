package io.fairtune.launcher.cli;

import io.fairtune.launcher.cluster.LocalCluster;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Starts everything and keeps it running, for using the API or the CLI by hand. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start broker, database and services locally and keep them running until Ctrl-C.")
public final class UpCommand implements Callable<Integer> {

    @Mixin
    ClusterOptions cluster = new ClusterOptions();

    @Override
    public Integer call() throws Exception {
        LocalCluster running = new LocalCluster(cluster.toConfig());
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "cluster-shutdown"));
        running.start();
        System.out.println("Kafka:     " + running.bootstrapServers());
        System.out.println("Optimizer: " + running.optimizer().baseUrl() + " (OpenAPI: /q/swagger-ui)");
        System.out.println("API key:   " + running.apiKey() + " (header X-API-Key; export FAIRTUNE_API_KEY for ./fairtune study)");
        System.out.println("Dashboard: " + running.dashboardUrl() + " (sign in with the viewer key " + running.viewerApiKey() + ")");
        System.out.println("Evaluator: " + running.evaluator().baseUrl());
        running.trainers().forEach(t -> System.out.println("Trainer:   " + t.baseUrl()));
        System.out.println("Ctrl-C stops everything.");
        Thread.currentThread().join();
        return 0;
    }
}
