package io.fairtune.launcher.cli;

import io.fairtune.launcher.bench.ScaleBench;
import io.fairtune.launcher.bench.TimelineRecorder;
import io.fairtune.launcher.cluster.ClusterConfig;
import io.fairtune.launcher.cluster.LocalCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import picocli.CommandLine.Option;

/**
 * What `bench scale` and `bench events` share: the simulated trials (trainer-service's load generator), the
 * windows, the study, and a cluster of the real services without trainers (the benches add them).
 */
final class ScaleBenchOptions {

    @Option(names = "--mean-trial", converter = Seconds.class, defaultValue = "60s",
            description = "mean simulated trial length (default: ${DEFAULT-VALUE})")
    Duration meanTrial;

    @Option(names = "--spread", defaultValue = "0.25",
            description = "standard deviation of the log of a trial's length (default: ${DEFAULT-VALUE})")
    double spread;

    @Option(names = "--warmup", converter = Seconds.class, description = "before measuring (default: one mean trial)")
    Duration warmup;

    @Option(names = "--window", converter = Seconds.class, description = "measured window (default: three mean trials)")
    Duration window;

    @Option(names = "--spec", description = "study file (default: <repo>/studies/scale-bench.yaml)")
    Path spec;

    @Option(names = "--repo", description = "the FairTune checkout (default: current directory)")
    Path repo = Path.of("").toAbsolutePath();

    @Option(names = "--work-dir", description = "where logs, broker and database files go (default: runs/<time>)")
    Path workDir;

    @Option(names = "--port-base", defaultValue = "8280",
            description = "optimizer HTTP port; evaluator +1, trainers +2.. (default: ${DEFAULT-VALUE})")
    int portBase;

    /** Starts broker, database, optimizer and evaluator (no trainer: the bench adds them) and runs {@code body}. */
    int run(int partitions, List<Integer> trainers, BiConsumer<ScaleBench, ScaleBench.Plan> body) throws Exception {
        requireFree(portBase, 6);
        ClusterOptions options = new ClusterOptions();
        options.repo = repo;
        options.workDir = workDir;
        options.trainers = 1;
        options.partitions = Math.max(partitions, 4);
        options.portBase = portBase;
        ClusterConfig base = options.toConfig();
        ClusterConfig config = new ClusterConfig(base.repoRoot(), base.workDir(), base.dataRoot(), base.imagesRoot(),
                base.modelsRoot(), 0, base.partitions(), base.httpPortBase(), null, null, base.dbUser(),
                base.dbPassword(), Map.of(), Map.of());
        String specJson = SpecFiles.toJson(spec != null ? spec : config.repoRoot().resolve("studies/scale-bench.yaml"));
        System.out.println("Starting Kafka (KRaft), PostgreSQL, optimizer and evaluator; logs in "
                + config.workDir().resolve("logs"));
        LocalCluster started = new LocalCluster(config);
        // Ctrl-C or SIGTERM must not leave the services, broker and database running
        Runtime.getRuntime().addShutdownHook(new Thread(started::close, "cluster-shutdown"));
        try (LocalCluster cluster = started.start();
             TimelineRecorder recorder = new TimelineRecorder(cluster.bootstrapServers(), config.partitions()).start()) {
            body.accept(new ScaleBench(cluster, recorder.timeline(), System.out), new ScaleBench.Plan(trainers,
                    meanTrial, spread, warmup != null ? warmup : meanTrial,
                    window != null ? window : meanTrial.multipliedBy(3), specJson));
        }
        return 0;
    }

    /** "90s", "500ms", "5m" or ISO-8601 ("PT90S"). */
    static final class Seconds implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            } else if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            } else if (v.endsWith("m")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 60_000));
            }
            return Duration.parse(value);
        }
    }

    /**
     * A service still stopping from an earlier run would answer this run's readiness checks (and refuse its API
     * key): refuse to start instead.
     */
    static void requireFree(int base, int count) {
        for (int port = base; port < base + count; port++) {
            try (java.net.ServerSocket socket = new java.net.ServerSocket(port)) {
                socket.setReuseAddress(true);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("port " + port + " is in use (an earlier run still stopping?); wait, or "
                        + "pass --port-base");
            }
        }
    }
}
